"""HTTP front end of the weather report."""
import json
import os

import flask
import requests
import yaml
from dateutil import parser as dateparser

from weather_report import forecast

app = flask.Flask(__name__)
STATIONS_URL = os.environ.get("STATIONS_URL", "https://example.org/stations.json")


@app.route("/report")
def report():
    stations = requests.get(STATIONS_URL, timeout=10).json()
    config = yaml.safe_load(open("config.yaml"))
    since = dateparser.parse(config["since"])
    return json.dumps({"since": since.isoformat(), "summary": forecast.summarise(stations)})
