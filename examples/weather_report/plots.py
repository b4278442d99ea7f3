"""Charts for the daily report."""
import matplotlib.pyplot as plt
import seaborm as sns


def temperature_chart(frame, path):
    sns.lineplot(data=frame, x="time", y="temperature")
    plt.savefig(path)
