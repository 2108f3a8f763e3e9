"""boto3 peer: follow a log group (FilterLogEvents every second from the last seen time, deduplicated by eventId)."""
import argparse
import sys
import time

import boto3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--group", required=True)
    parser.add_argument("--since", type=float, default=5)
    args = parser.parse_args()
    client = boto3.client("logs", endpoint_url=args.endpoint, region_name="us-east-1")
    start = int((time.time() - args.since) * 1000)
    seen = set()
    while True:
        kwargs = {"logGroupName": args.group, "startTime": start}
        newest = start
        while True:
            page = client.filter_log_events(**kwargs)
            for event in page.get("events", []):
                if event["eventId"] in seen:
                    continue
                seen.add(event["eventId"])
                newest = max(newest, event["timestamp"])
                sys.stdout.write(f"{event['timestamp']} {event['message']}\n")
            sys.stdout.flush()
            if "nextToken" not in page:
                break
            kwargs["nextToken"] = page["nextToken"]
        start = max(start, newest - 5000)  # a small overlap: late events within 5 s are still found
        time.sleep(1)


main()
