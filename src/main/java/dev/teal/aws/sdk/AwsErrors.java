package dev.teal.aws.sdk;

import dev.teal.aws.AwsException;
import dev.teal.aws.AwsNotFoundException;
import dev.teal.aws.AwsNotYetVisibleException;
import dev.teal.aws.AwsTransientException;
import dev.teal.aws.NotFencedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.NonRetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where SDK exceptions become teal's {@link AwsException}s. Every gateway call goes
 * through {@link #call}, so code above the gateways never sees an SDK type, and the decision "may a
 * retry help?" is made here once.
 */
public final class AwsErrors {

  /**
   * Error codes that mean "the thing you named is not there". ServiceNotActiveException is here too:
   * an INACTIVE service is a deleted one, which {@code describeService} already reports as absent.
   */
  static final Set<String> NOT_FOUND_CODES = Set.of(
      "ClusterNotFoundException", "ServiceNotFoundException", "ServiceNotActiveException",
      "TaskSetNotFoundException",
      "TargetGroupNotFound", "RuleNotFound", "ListenerNotFound", "LoadBalancerNotFound");

  /**
   * Operation and error code of the answers AWS gives while an earlier change has not reached the part of
   * its control plane that serves this call (see {@link AwsNotYetVisibleException}). CreateTaskSet's answer
   * is an InvalidParameterException whose message says the group "does not have an associated load
   * balancer"; it is recognised by that phrase.
   */
  static final Set<String> NOT_YET_VISIBLE = Set.of(
      "elb:ModifyRule/TargetGroupNotFound", "elb:ModifyListener/TargetGroupNotFound",
      "elb:DeleteTargetGroup/ResourceInUse", "ecs:CreateTaskSet/InvalidParameterException");
  static final String NO_ASSOCIATED_LOAD_BALANCER = "does not have an associated load balancer";

  /** The code of a failure that never reached AWS or got no answer: connection refused, reset, DNS... */
  public static final String IO_ERROR = "IOError";
  public static final String API_CALL_TIMEOUT = "ApiCallTimeout";
  public static final String API_CALL_ATTEMPT_TIMEOUT = "ApiCallAttemptTimeout";
  /**
   * A client-side failure without an I/O cause, e.g. no credentials could be loaded. Still transient:
   * the usual cause is a credentials endpoint (instance or container metadata) that did not answer.
   */
  public static final String SDK_CLIENT_ERROR = "SdkClientError";
  /** An SDK failure that says it must not be retried (the SDK's NonRetryableException and the like). */
  public static final String SDK_ERROR = "SdkError";
  /** A mutating call the lease fence did not let start (or an attempt it did not let be sent). */
  public static final String NOT_FENCED = "NotFenced";

  private AwsErrors() {}

  /** Runs one SDK call, translating its exception. */
  static <T> T call(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw translate(operation, e);
    } catch (RuntimeException e) {
      if (fromJdkHttpClient(e)) {
        throw new AwsTransientException(operation, IO_ERROR, "the JDK's HTTP client failed: " + e, false, e);
      }
      throw e;
    }
  }

  /**
   * The JDK's HttpURLConnection (under the url-connection client) sometimes throws a NullPointerException
   * (bare, or wrapped in a RuntimeException) instead of an IOException, e.g. when an attempt timeout aborts a
   * request as it is being written or read; the SDK
   * treats the same failure in getResponseCode as an IOException (aws/aws-sdk-java-v2#2572). It is a network
   * failure, so it is retried like one. teal's clients report it as an IOException already
   * ({@link NpeAsIoHttpClient}); this is for an HTTP client built without that. A hot NullPointerException
   * has no frames of its own (OmitStackTraceInFastThrow), so the frames of the RuntimeException
   * HttpURLConnection wraps a remembered one in count too.
   */
  static boolean fromJdkHttpClient(Throwable e) {
    boolean jdkFrames = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      jdkFrames |= hasJdkHttpFrame(t);
      if (t instanceof NullPointerException) {
        return jdkFrames;
      }
    }
    return false;
  }

  private static boolean hasJdkHttpFrame(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().startsWith("sun.net.www.")) {
        return true;
      }
    }
    return false;
  }

  /** Runs one SDK call whose response teal does not need. */
  static void run(String operation, Runnable call) {
    call(operation, () -> {
      call.run();
      return null;
    });
  }

  /**
   * Answers of a control plane that has not caught up yet become {@link AwsNotYetVisibleException};
   * not-found codes become {@link AwsNotFoundException}; throttling, 5xx and client-side failures
   * (network, timeouts) become {@link AwsTransientException}; anything else (validation, access,
   * quotas, an SDK {@link NonRetryableException}) is a plain, non-retryable {@link AwsException}
   * carrying AWS's code and message.
   */
  public static AwsException translate(String operation, SdkException e) {
    String code = errorCode(e);
    String message = message(e);
    if (e instanceof AwsServiceException service) {
      if (notYetVisible(operation, code, message)) {
        return new AwsNotYetVisibleException(operation, code, message, e);
      }
      if (NOT_FOUND_CODES.contains(code)) {
        return new AwsNotFoundException(operation, code, message, e);
      }
      if (service.isThrottlingException()) {
        return new AwsTransientException(operation, code, message, true, e);
      }
      if (service.statusCode() >= 500) {
        return new AwsTransientException(operation, code, message, false, e);
      }
      return new AwsException(operation, code, message, e);
    }
    if (e instanceof SdkClientException && !(e instanceof NonRetryableException)) {
      return new AwsTransientException(operation, code, message, false, e);
    }
    return new AwsException(operation, code, message, e);
  }

  static boolean notYetVisible(String operation, String code, String message) {
    if (!NOT_YET_VISIBLE.contains(operation + "/" + code)) {
      return false;
    }
    return !"ecs:CreateTaskSet".equals(operation) || String.valueOf(message).contains(NO_ASSOCIATED_LOAD_BALANCER);
  }

  /** AWS's error code, or one of this class's words for failures that carry none. */
  public static String errorCode(Throwable e) {
    if (e instanceof NotFencedException) {
      return NOT_FENCED;
    }
    if (e instanceof AwsServiceException service) {
      var details = service.awsErrorDetails();
      return details != null && details.errorCode() != null ? details.errorCode() : "HTTP" + service.statusCode();
    }
    if (e instanceof ApiCallTimeoutException) {
      return API_CALL_TIMEOUT;
    }
    if (e instanceof ApiCallAttemptTimeoutException) {
      return API_CALL_ATTEMPT_TIMEOUT;
    }
    if (e instanceof SdkClientException && !(e instanceof NonRetryableException)) {
      return hasIoCause(e) ? IO_ERROR : SDK_CLIENT_ERROR;
    }
    return SDK_ERROR;
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof IOException || cause instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  private static String message(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorMessage() != null) {
      return service.awsErrorDetails().errorMessage();
    }
    return String.valueOf(e.getMessage());
  }
}
