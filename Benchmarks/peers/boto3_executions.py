"""boto3 peer: list every execution of a machine, or fetch the full histories of the ARNs on stdin."""
import argparse
import json
import sys

import boto3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--machine-arn")
    parser.add_argument("--histories", action="store_true", help="read execution ARNs from stdin")
    args = parser.parse_args()
    client = boto3.client("stepfunctions", endpoint_url=args.endpoint, region_name="us-east-1")
    if args.histories:
        for arn in (line.strip() for line in sys.stdin):
            if not arn:
                continue
            events = []
            for page in client.get_paginator("get_execution_history").paginate(executionArn=arn):
                events.extend(page["events"])
            print(json.dumps({"executionArn": arn, "events": events}, default=str))
        return
    executions = []
    for page in client.get_paginator("list_executions").paginate(stateMachineArn=args.machine_arn):
        executions.extend(page["executions"])
    json.dump({"executions": executions}, sys.stdout, default=str)
    sys.stdout.write("\n")


main()
