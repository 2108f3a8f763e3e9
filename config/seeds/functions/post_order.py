# The order system's front door behind SQS: one StartExecution per message, the message id as
# order id and execution name, so a redelivered message cannot start a second execution.
# A message body is {"input": {...the order...}} (what the AppSync mutation sends).
import json
import os

import boto3

states = boto3.client("stepfunctions")


def handler(event, context):
    started = []
    for record in event.get("Records", []):
        body = json.loads(record["body"])
        order = body.get("input", body)
        if isinstance(order, str):
            order = json.loads(order)
        order_id = record["messageId"]
        order["id"] = order_id
        try:
            answer = states.start_execution(
                stateMachineArn=os.environ["STATE_MACHINE_ARN"], name=order_id, input=json.dumps(order))
            started.append(answer["executionArn"])
        except states.exceptions.ExecutionAlreadyExists:
            print(json.dumps({"duplicate": order_id}))
    print(json.dumps({"started": started}))
    return {"started": started}
