"""botocore peer: SigV4-sign fresh DynamoDB Scan requests with SigV4Auth; prints requests/s, five rounds."""
import json
import sys
import time

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5
    credentials = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    body = b'{"TableName":"ORDER","Limit":100}'
    for _ in range(5):
        signed = 0
        start = time.perf_counter()
        end = start + seconds / 5
        while time.perf_counter() < end:
            for _ in range(100):
                request = AWSRequest(
                    method="POST", url="https://dynamodb.us-east-1.amazonaws.com/", data=body,
                    headers={"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.Scan"})
                SigV4Auth(credentials, "dynamodb", "us-east-1").add_auth(request)
                signed += 1
        print(json.dumps({"value": signed / (time.perf_counter() - start), "unit": "req/s"}))


main()
