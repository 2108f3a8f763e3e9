# InitializeOrder: the order item, PENDING until payment is decided, keyed and indexed as
# OrderDeck reads it (user_id + id; createdDay/createdAt and updatedDay/updatedAt for the
# RecentOrders and ChangedOrders indexes; executionArn for order <-> execution correlation).
import json
import os
from datetime import datetime, timezone
from decimal import Decimal

import boto3

table = boto3.resource("dynamodb").Table(os.environ["ORDER_TABLE"])


def handler(event, context):
    # The machine hands over {"order": <its input>, "id": <execution name>, "executionArn": ...}:
    # the execution name is the order id whichever front door started it.
    event = dict(event.get("order") or {}, id=event["id"], executionArn=event.get("executionArn"))
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    day = now[:10]
    item = {
        "user_id": event.get("user_id", "demo_user"),
        "id": event["id"],
        "orderStatus": "PENDING",
        "createdAt": now,
        "createdDay": day,
        "updatedAt": now,
        "updatedDay": day,
    }
    if event.get("executionArn"):
        item["executionArn"] = event["executionArn"]
    if "amount" in event:
        item["amount"] = Decimal(str(event["amount"]))
    if "currency" in event:
        item["currency"] = event["currency"]
    if "items" in event:
        item["items"] = json.dumps(event["items"])
    email = (event.get("customer") or {}).get("email")
    if email:
        item["customerEmail"] = email
    table.put_item(Item=item)
    print(json.dumps({"initialized": event["id"], "user_id": item["user_id"]}))
    return event
