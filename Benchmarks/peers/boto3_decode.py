"""boto3 peer: decode a raw Scan response as a boto3 client does (botocore's JSON parser with the Scan
output shape), then to plain values with TypeDeserializer (what a script does to get orders)."""
import json
import sys
import time

import botocore.session
from boto3.dynamodb.types import TypeDeserializer
from botocore.parsers import create_parser


def main():
    path, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20
    with open(path, "rb") as handle:
        body = handle.read()
    model = botocore.session.get_session().get_service_model("dynamodb")
    shape = model.operation_model("Scan").output_shape
    parser = create_parser("json")
    deserializer = TypeDeserializer()
    for _ in range(rounds):
        start = time.perf_counter()
        parsed = parser.parse({"body": body, "headers": {}, "status_code": 200}, shape)
        orders = [{key: deserializer.deserialize(value) for key, value in item.items()} for item in parsed["Items"]]
        elapsed = time.perf_counter() - start
        print(json.dumps({"value": elapsed * 1000, "unit": "ms", "items": len(orders), "bytes": len(body)}))


main()
