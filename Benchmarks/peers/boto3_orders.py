"""boto3 peer: scan the orders table (all, or the first --max), deserialize, print JSON.

What an operator's boto3 script does: a paginator over Scan, TypeDeserializer to plain values.
"""
import argparse
import json
import sys
from decimal import Decimal

import boto3
from boto3.dynamodb.types import TypeDeserializer


def plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(type(value))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--table", required=True)
    parser.add_argument("--max", type=int, default=0)
    args = parser.parse_args()
    client = boto3.client("dynamodb", endpoint_url=args.endpoint, region_name="us-east-1")
    deserializer = TypeDeserializer()
    config = {"MaxItems": args.max} if args.max else {}
    orders = []
    for page in client.get_paginator("scan").paginate(TableName=args.table, PaginationConfig=config):
        for item in page["Items"]:
            orders.append({key: deserializer.deserialize(value) for key, value in item.items()})
    json.dump({"orders": orders}, sys.stdout, default=plain)
    sys.stdout.write("\n")


main()
