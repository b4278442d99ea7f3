# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "requests>=2.31",
#     "beautifulsop4",
# ]
# ///
"""Downloads the station list (run with `uv run scripts/fetch_stations.py`)."""
import requests
from bs4 import BeautifulSoup

page = requests.get("https://example.org/stations", timeout=10)
soup = BeautifulSoup(page.text, "html.parser")
print([a.text for a in soup.find_all("a")])
