package dev.teal.sandbox.elb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A rule condition. {@code raw} keeps the condition as sent (for fields the data plane does not
 * evaluate) so DescribeRules can echo it back.
 */
public record Condition(String field, List<String> values, ObjectNode raw) {
}
