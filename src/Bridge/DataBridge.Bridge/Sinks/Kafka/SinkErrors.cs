using Confluent.Kafka;

namespace DataBridge.Bridge.Sinks.Kafka;

/// <summary>Turns librdkafka errors into <see cref="SinkException"/> messages that say what to check.</summary>
internal static class SinkErrors
{
    public static SinkException Delivery(DeliveryBatch batch, int total, string bootstrapServers)
    {
        var error = batch.FirstError ?? new Error(ErrorCode.Unknown);
        var what = $"Kafka did not accept {batch.Failed} of {total} records for topic '{batch.Topic}' ({error.Code}: {error.Reason}). ";
        return new SinkException(what + Advice(error.Code, batch.Topic, bootstrapServers) + " The records will be sent again.")
        {
            FailedRecords = batch.Failed,
            Destination = batch.Topic,
        };
    }

    /// <summary>True for the errors that mean "Kafka is not reachable now" rather than "Kafka refused".</summary>
    public static bool IsUnreachable(ErrorCode code) => code is ErrorCode.Local_MsgTimedOut or ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown
        or ErrorCode.Local_TimedOut or ErrorCode.RequestTimedOut or ErrorCode.Local_Resolve or ErrorCode.NetworkException;

    public static string Advice(ErrorCode code, string topic, string bootstrapServers) => code switch
    {
        ErrorCode.Local_MsgTimedOut or ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown or ErrorCode.Local_TimedOut or ErrorCode.RequestTimedOut =>
            $"Check that the brokers {bootstrapServers} are reachable from this host (firewall, DNS) and that security.protocol/SASL/TLS settings match the listener.",
        ErrorCode.TopicAuthorizationFailed =>
            $"The bridge's principal may not write to '{topic}': grant it WRITE on the topic.",
        ErrorCode.ClusterAuthorizationFailed =>
            "The bridge's principal lacks IDEMPOTENT_WRITE on the cluster, which acks=all idempotent producing needs: grant it.",
        ErrorCode.SaslAuthenticationFailed or ErrorCode.Local_Authentication =>
            "Authentication failed: check sasl.username and the password file or environment variable.",
        ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic or ErrorCode.Local_UnknownPartition =>
            $"Topic '{topic}' does not exist: create it, or let the bridge create it (CreateTopics ACL).",
        ErrorCode.MsgSizeTooLarge =>
            "A record is larger than the broker's message.max.bytes or the producer's message.max.bytes: raise the limit.",
        ErrorCode.Local_Fatal =>
            "The idempotent producer hit a fatal error and must be recreated: restart the sink; see the log for the cause.",
        _ => $"Check the broker logs and the topic '{topic}' configuration.",
    };
}
