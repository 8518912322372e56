import type { Template } from 'aws-cdk-lib/assertions';

type Json = Record<string, unknown>;

export interface Permission {
  actions: string[];
  /** the statement's resources, serialized: logical ids appear as `"Ref"`/`"Fn::GetAtt"` targets */
  resources: string;
}

export function resourcesOfType(template: Template, type: string): [string, Json][] {
  return Object.entries(template.findResources(type)) as [string, Json][];
}

/** Logical id of the only resource of `type` whose properties include `match` (as a JSON substring). */
export function logicalIdOf(template: Template, type: string, match: string): string {
  const hits = resourcesOfType(template, type).filter(([, r]) =>
    JSON.stringify(r.Properties).includes(match),
  );
  if (hits.length !== 1) throw new Error(`expected one ${type} matching ${match}, found ${hits.length}`);
  return (hits[0] as [string, Json])[0];
}

/** Every Allow statement of every IAM policy attached to the role with this logical id. */
export function permissionsOf(template: Template, roleLogicalId: string): Permission[] {
  const permissions: Permission[] = [];
  for (const [, policy] of resourcesOfType(template, 'AWS::IAM::Policy')) {
    const props = policy.Properties as { Roles?: unknown[]; PolicyDocument: { Statement: Json[] } };
    const attached = (props.Roles ?? []).some(
      (r) => JSON.stringify(r) === JSON.stringify({ Ref: roleLogicalId }),
    );
    if (!attached) continue;
    for (const statement of props.PolicyDocument.Statement) {
      if (statement.Effect !== 'Allow') continue;
      const actions = statement.Action;
      permissions.push({
        actions: Array.isArray(actions) ? (actions as string[]) : [actions as string],
        resources: JSON.stringify(statement.Resource),
      });
    }
  }
  return permissions;
}

function actionMatches(granted: string, wanted: string): boolean {
  if (granted === '*') return true;
  if (granted.endsWith('*')) return wanted.startsWith(granted.slice(0, -1));
  return granted === wanted;
}

/** True when some statement allows `action` on a resource mentioning `logicalId` (or on `*`). */
export function allows(permissions: Permission[], action: string, logicalId: string): boolean {
  return permissions.some(
    (p) =>
      p.actions.some((a) => actionMatches(a, action)) &&
      (p.resources.includes(`"${logicalId}"`) || p.resources === '"*"'),
  );
}

/** Logical id of the execution role of the Lambda function with this physical name. */
export function functionRole(template: Template, functionName: string): string {
  const id = logicalIdOf(template, 'AWS::Lambda::Function', `"FunctionName":"${functionName}"`);
  const fn = template.toJSON().Resources[id] as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } };
  return fn.Properties.Role['Fn::GetAtt'][0];
}

/** Logical id of the task role of the ECS task definition with this family. */
export function taskRole(template: Template, family: string): string {
  const id = logicalIdOf(template, 'AWS::ECS::TaskDefinition', `"Family":"${family}"`);
  const td = template.toJSON().Resources[id] as {
    Properties: { TaskRoleArn: { 'Fn::GetAtt': [string, string] } };
  };
  return td.Properties.TaskRoleArn['Fn::GetAtt'][0];
}

export function queueId(template: Template, physicalName: string): string {
  return logicalIdOf(template, 'AWS::SQS::Queue', `"QueueName":"${physicalName}"`);
}

export function tableId(template: Template, physicalName: string): string {
  return logicalIdOf(template, 'AWS::DynamoDB::Table', `"TableName":"${physicalName}"`);
}
