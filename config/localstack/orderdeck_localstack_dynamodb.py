"""OrderDeck's DynamoDB provider for LocalStack 2026.3.0 without Docker or network.

LocalStack's own DynamoDB provider downloads a JDK and DynamoDB Local on first use and fails
offline. This provider answers every DynamoDB call with the moto fork LocalStack bundles (every
method of the generated API raises NotImplementedError, so each call falls through to moto).
Selected with PROVIDER_OVERRIDE_DYNAMODB=orderdeck_moto; everything else stays LocalStack's.
"""

from localstack.aws.api.dynamodb import DynamodbApi
from localstack.services.moto import MotoFallbackDispatcher
from localstack.services.plugins import Service, aws_provider


@aws_provider(api="dynamodb", name="orderdeck_moto")
def dynamodb_moto():
    return Service.for_provider(DynamodbApi(), dispatch_table_factory=MotoFallbackDispatcher)
