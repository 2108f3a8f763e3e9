# Seed 000 (webhook ingest): the Express machine's Task. In the original system this function is
# written in Go; this Python version does the same — print the payload and hand it on — so the
# engine can run it without Docker.
import json


def handler(event, context):
    print(json.dumps({"payload": event}))
    return event
