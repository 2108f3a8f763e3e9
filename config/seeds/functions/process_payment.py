# ProcessPayment: ok or error. At random in the original; an order can fix the outcome with
# "paymentOutcome": "ok" | "error" (deterministic tests and demos), or make this function raise
# with "paymentOutcome": "raise" (a failing Lambda, as an operator would see one).
import json
import random


class PaymentProcessorUnavailable(Exception):
    pass


def handler(event, context):
    outcome = event.get("paymentOutcome") or random.choice(["ok", "error"])
    if outcome == "raise":
        raise PaymentProcessorUnavailable("payment processor unavailable for order " + str(event.get("id")))
    if outcome == "ok":
        event["payment"] = {"status": "ok"}
    else:
        event["payment"] = {"status": "error", "errorMessage": "card declined"}
    print(json.dumps({"order": event.get("id"), "payment": event["payment"]}))
    return event
