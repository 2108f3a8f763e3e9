/// The JSON value that order items, execution inputs and history events carry: part of this
/// module's API, so a module that imports OrderDeckCore sees its cases and members without
/// importing the AWS client (the dashboard does not).
@_exported import enum AWSClient.JSONValue
