import AWSServices
import LocalStack
/// Placeholder until the moto helper lands.
public enum TestSupportMarker {}
