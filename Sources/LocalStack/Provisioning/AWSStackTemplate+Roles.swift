/// The template's IAM roles: the trust policy and the vended-log policy written once; a role is a
/// name, the service that assumes it and its inline policies.
extension AWSStackTemplate {
    /// Step Functions assumes the state machines' roles; both machines deliver vended logs.
    static var stateMachineRoles: String {
        [
            role("OrderWorkflowRole", assumedBy: "states", policies: [orderWorkflowTasks, vendedLogDelivery]),
            role("SampleRole", assumedBy: "states", policies: [vendedLogDelivery]),
        ].joined(separator: "\n\n")
    }

    /// API Gateway may only start its own machine: one role per integration.
    static var apiRoles: String {
        [
            role(
                "OrdersApiRole", assumedBy: "apigateway",
                policies: [startExecution("start-order-workflow", of: "OrderWorkflow")]),
            role("WebhookApiRole", assumedBy: "apigateway", policies: [startExecution("start-sample", of: "Sample")]),
        ].joined(separator: "\n\n")
    }

    /// A role `service` (`states`, `apigateway`) may assume, with its inline policies, as a
    /// resource of the template.
    static func role(_ name: String, assumedBy service: String, policies: [String]) -> String {
        let text = """
            \(name):
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Principal: {Service: \(service).amazonaws.com}
                      Action: sts:AssumeRole
                Policies:
            \(indent(policies.joined(separator: "\n"), by: 6))
            """
        return indent(text, by: 2)
    }

    /// An inline policy: its statements are YAML list items.
    static func policy(_ name: String, statements: String) -> String {
        """
        - PolicyName: \(name)
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
        \(indent(statements, by: 6))
        """
    }

    static func startExecution(_ name: String, of machine: String) -> String {
        policy(
            name,
            statements: """
                - Effect: Allow
                  Action: states:StartExecution
                  Resource: {Ref: \(machine)}
                """)
    }

    /// What the order workflow's tasks do: write orders, reserve gift wrap, notify customers.
    static let orderWorkflowTasks = policy(
        "order-workflow-tasks",
        statements: """
            - Sid: WriteOrders
              Effect: Allow
              Action: [dynamodb:PutItem, dynamodb:UpdateItem]
              Resource: {"Fn::GetAtt": [OrderTable, Arn]}
            - Sid: ReserveGiftWrap
              Effect: Allow
              Action: dynamodb:UpdateItem
              Resource: {"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/GIFTWRAP_STOCK"}
            - Sid: NotifyCustomers
              Effect: Allow
              Action: sns:Publish
              Resource: {Ref: OrderTopic}
            """)

    static let vendedLogDelivery = policy(
        "vended-log-delivery",
        statements: """
            # Log delivery for Step Functions needs these CloudWatch Logs actions on
            # Resource "*": AWS does not support resource-level permissions for them
            # (Step Functions developer guide, "IAM policies for logging to CloudWatch Logs").
            - Sid: VendedLogDeliveryRequiresWildcard
              Effect: Allow
              Action:
                - logs:CreateLogDelivery
                - logs:GetLogDelivery
                - logs:UpdateLogDelivery
                - logs:DeleteLogDelivery
                - logs:ListLogDeliveries
                - logs:PutResourcePolicy
                - logs:DescribeResourcePolicies
                - logs:DescribeLogGroups
              Resource: "*"
            """)
}
