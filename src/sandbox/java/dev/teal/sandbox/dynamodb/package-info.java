/**
 * AWS's DynamoDB Local, started over HTTP on a loopback port. The only package that touches DynamoDB
 * Local's classes.
 */
package dev.teal.sandbox.dynamodb;
