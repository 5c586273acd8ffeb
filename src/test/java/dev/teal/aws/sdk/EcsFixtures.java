package dev.teal.aws.sdk;

/** ECS JSON answers shaped like real ones (field names as in the SDK's ECS model). */
final class EcsFixtures {

  static final String ACCOUNT = "123456789012";
  static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/prod";
  static final String SERVICE_ARN = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":service/prod/web";
  static final String BLUE_TG = "arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT
      + ":targetgroup/teal-web-1a2b3c4d/6d0ecf831eec9f09";
  static final String GREEN_TG = "arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT
      + ":targetgroup/teal-web-5e6f7a8b/0f1e2d3c4b5a6978";

  private EcsFixtures() {}

  static String taskSetArn(String id) {
    return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-set/prod/web/" + id;
  }

  static String taskDefinitionArn(String familyRevision) {
    return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-definition/" + familyRevision;
  }

  /** A Fargate task set in awsvpc mode, as DescribeServices and CreateTaskSet return it. */
  static String fargateTaskSet(String id, String externalId, String status, double scale, String stability,
      int running, int pending, int desired, String targetGroup) {
    return """
        {
          "id": "%s",
          "taskSetArn": "%s",
          "serviceArn": "%s",
          "clusterArn": "%s",
          "startedBy": "teal",
          "externalId": "%s",
          "status": "%s",
          "taskDefinition": "%s",
          "computedDesiredCount": %d,
          "pendingCount": %d,
          "runningCount": %d,
          "createdAt": 1700000000.123,
          "updatedAt": 1700000300.456,
          "launchType": "FARGATE",
          "platformVersion": "1.4.0",
          "platformFamily": "Linux",
          "networkConfiguration": {
            "awsvpcConfiguration": {
              "subnets": ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
              "securityGroups": ["sg-0123456789abcdef0"],
              "assignPublicIp": "DISABLED"
            }
          },
          "loadBalancers": [
            {"targetGroupArn": "%s", "containerName": "app", "containerPort": 8080}
          ],
          "serviceRegistries": [],
          "scale": {"value": %s, "unit": "PERCENT"},
          "stabilityStatus": "%s",
          "stabilityStatusAt": 1700000310.0
        }""".formatted(id, taskSetArn(id), SERVICE_ARN, CLUSTER_ARN, externalId, status,
        taskDefinitionArn("web:7"), desired, pending, running, targetGroup, scale, stability);
  }

  static String service(String name, String status, String taskSetsJson) {
    return """
        {
          "serviceArn": "arn:aws:ecs:us-east-1:%s:service/prod/%s",
          "serviceName": "%s",
          "clusterArn": "%s",
          "loadBalancers": [],
          "serviceRegistries": [],
          "status": "%s",
          "desiredCount": 4,
          "runningCount": 4,
          "pendingCount": 0,
          "launchType": "FARGATE",
          "taskSets": [%s],
          "deployments": [],
          "roleArn": "arn:aws:iam::%s:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
          "events": [],
          "createdAt": 1690000000.0,
          "placementConstraints": [],
          "placementStrategy": [],
          "deploymentController": {"type": "EXTERNAL"},
          "createdBy": "arn:aws:iam::%s:role/deployer",
          "enableECSManagedTags": false,
          "propagateTags": "NONE",
          "enableExecuteCommand": false
        }""".formatted(ACCOUNT, name, name, CLUSTER_ARN, status, taskSetsJson, ACCOUNT, ACCOUNT);
  }

  /** web:7, two containers (app behind an App Mesh envoy), Fargate on ARM. */
  static String webTaskDefinition(String familyRevision, String appImage, String tagsJson) {
    return """
        {
          "taskDefinition": {
            "taskDefinitionArn": "%s",
            "containerDefinitions": [
              {
                "name": "app",
                "image": "%s",
                "cpu": 0,
                "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
                "essential": true,
                "environment": [{"name": "MODE", "value": "prod"}],
                "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/tmp/scratch", "readOnly": false}],
                "volumesFrom": [],
                "logConfiguration": {
                  "logDriver": "awslogs",
                  "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}
                }
              },
              {
                "name": "envoy",
                "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27.0.0-prod",
                "cpu": 0,
                "essential": true,
                "user": "1337"
              }
            ],
            "family": "web",
            "taskRoleArn": "arn:aws:iam::123456789012:role/web-task",
            "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "networkMode": "awsvpc",
            "revision": %s,
            "volumes": [{"name": "scratch"}],
            "status": "ACTIVE",
            "requiresAttributes": [
              {"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"},
              {"name": "ecs.capability.task-eni"}
            ],
            "placementConstraints": [],
            "compatibilities": ["EC2", "FARGATE"],
            "requiresCompatibilities": ["FARGATE"],
            "cpu": "512",
            "memory": "1024",
            "proxyConfiguration": {
              "type": "APPMESH",
              "containerName": "envoy",
              "properties": [
                {"name": "AppPorts", "value": "8080"},
                {"name": "ProxyIngressPort", "value": "15000"},
                {"name": "ProxyEgressPort", "value": "15001"},
                {"name": "IgnoredUID", "value": "1337"}
              ]
            },
            "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
            "ephemeralStorage": {"sizeInGiB": 30},
            "registeredAt": 1700000000.0,
            "registeredBy": "arn:aws:sts::123456789012:assumed-role/deployer/ci"
          },
          "tags": %s
        }""".formatted(taskDefinitionArn(familyRevision), appImage,
        familyRevision.substring(familyRevision.indexOf(':') + 1), tagsJson);
  }
}
