"""Orders API for the web shop front-end (app.example.com) and the admin console."""
import os
from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request, session
from flask_cors import CORS, cross_origin

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_SAMESITE="None",
)

FRONTENDS = [
    "https://app.example.com/",
    "https://admin.example.com",
]

CORS(
    app,
    resources={r"/api/*": {"origins": FRONTENDS}},
    supports_credentials=True,
    allow_headers=["Content-Type", "Authorization", "X-CSRF-Token"],
    max_age=600,
)

ORDERS = {}


@app.after_request
def security_headers(response):
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@app.get("/api/orders")
def list_orders():
    user = session.get("user_id") or abort(401)
    return jsonify([o for o in ORDERS.values() if o["user"] == user])


@app.post("/api/orders")
def create_order():
    user = session.get("user_id") or abort(401)
    order = {"id": len(ORDERS) + 1, "user": user, "items": request.json["items"], "at": datetime.now(timezone.utc).isoformat()}
    ORDERS[order["id"]] = order
    return jsonify(order), 201


# Partner widgets embed the order status on their own sites.
@app.get("/widget/status/<int:order_id>")
@cross_origin(origins="*", supports_credentials=True)
def order_status(order_id):
    order = ORDERS.get(order_id) or abort(404)
    return jsonify(id=order["id"], status="shipped", user=session.get("user_id"))


if __name__ == "__main__":
    app.run(port=5000)
