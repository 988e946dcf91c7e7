from flask import Flask, jsonify
from flask_cors import CORS

app = Flask(__name__)
CORS(app, origins=["https://app.example.com"], max_age=86400)


@app.route("/api/me")
def me():
    return jsonify(user="ada")
