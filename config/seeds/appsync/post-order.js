// Mutation.postOrder: SQS SendMessage through an HTTP data source, the order in the {"input": ...}
// wrapper post_order reads; answers the message id (the order id and the execution's name).
// APPSYNC_JS: MiniStack 1.5.33 runs JavaScript resolvers (on Node); VTL templates it stores but
// never runs.
import { util } from '@aws-appsync/utils';

export function request(ctx) {
  return {
    method: 'POST',
    resourcePath: '/',
    params: {
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AmazonSQS.SendMessage' },
      body: JSON.stringify({
        QueueUrl: ctx.env.QUEUE_URL,
        MessageBody: JSON.stringify({ input: JSON.parse(ctx.args.input) }),
      }),
    },
  };
}

export function response(ctx) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (ctx.result.statusCode !== 200) util.error(ctx.result.body, 'SQSError');
  return JSON.parse(ctx.result.body).MessageId;
}
