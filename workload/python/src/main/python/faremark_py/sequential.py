"""py-sequential: one request after another with requests - the article's baseline (~29 s for
100 days at ~290 ms each)."""
from . import runner
from .blocking import RequestsClient
from .recorder import Recorder

ID = "py-sequential"


class SequentialModel:
    id = ID

    def __init__(self, spec):
        self.spec = spec
        self.recorder = Recorder()
        self.client = RequestsClient(spec, self.recorder)

    def prepare(self):
        self.client.warm_up()

    def run(self):
        for date in self.spec.dates():
            self.client.fetch(date)
        return self.recorder.result(ID, self.spec.days, self.client.details())

    def close(self):
        self.client.close()


if __name__ == "__main__":
    runner.main(ID, SequentialModel)
