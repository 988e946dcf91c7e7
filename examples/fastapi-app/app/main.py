"""The notifications API, called by the web app with the user's session cookie."""
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .auth import current_user

app = FastAPI(title="Notifications")

app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["GET", "POST", "patch"],
    allow_headers=["*"],
)


@app.get("/api/notifications")
async def notifications(user=Depends(current_user)):
    return {"user": user.id, "items": []}


@app.patch("/api/notifications/{nid}")
async def mark_read(nid: int, user=Depends(current_user)):
    return {"id": nid, "read": True}
