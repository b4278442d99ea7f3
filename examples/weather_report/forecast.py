"""Turns station readings into a short forecast."""
from datetime import datetime, timedelta

import numpy as np
import pandas as pd


def summarise(readings: pd.DataFrame) -> dict:
    now = datetime.now()
    recent = readings[readings["time"] > now - timedelta(days=1)]
    return {"mean": float(np.mean(recent["temperature"])), "count": len(recent)}
