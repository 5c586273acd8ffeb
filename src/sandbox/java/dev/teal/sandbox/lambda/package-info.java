/**
 * AWS Lambda's Invoke over the REST-JSON protocol, for functions whose result a test or a person sets
 * ({@link dev.teal.sandbox.lambda.LambdaSimulator#define}); no code runs.
 */
package dev.teal.sandbox.lambda;
