# CompleteOrder: the order COMPLETED, and the customer told through SNS.
import json
import os
from datetime import datetime, timezone

import boto3

table = boto3.resource("dynamodb").Table(os.environ["ORDER_TABLE"])
topic = boto3.client("sns")


def handler(event, context):
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    table.update_item(
        Key={"user_id": event.get("user_id", "demo_user"), "id": event["id"]},
        UpdateExpression="SET orderStatus = :s, updatedAt = :t, updatedDay = :d",
        ExpressionAttributeValues={":s": "COMPLETED", ":t": now, ":d": now[:10]})
    topic.publish(
        TopicArn=os.environ["TOPIC_ARN"], Subject="Orders-App: Update for order {}".format(event["id"]),
        Message="Your order {} is complete.".format(event["id"]))
    print(json.dumps({"completed": event["id"]}))
    event["orderStatus"] = "COMPLETED"
    return event
