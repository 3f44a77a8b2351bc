using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace DataBridge.Bridge.Sinks.Kafka;

/// <summary>
/// Turns "topic creation timed out" into what actually failed, by asking the brokers for the cluster metadata once
/// more: no answer at all (network, TLS/SASL), an answer that names no active controller (the cluster cannot create
/// topics or elect leaders: a controller quorum problem, not a network one), or a controller that was too slow.
/// </summary>
internal static class KafkaTimeoutDiagnosis
{
    private static readonly TimeSpan DescribeTimeout = TimeSpan.FromSeconds(5);

    public static async Task<SinkException> ExplainAsync(IAdminClient admin, KafkaSinkOptions options, Exception timeout, CancellationToken ct)
    {
        var waited = options.AdminTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        Metadata metadata;
        try
        {
            // Any broker answers a metadata request; only admin requests need the controller.
            metadata = await Task.Run(() => admin.GetMetadata(DescribeTimeout), ct).ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            return new SinkException(
                $"Kafka brokers {options.BootstrapServers} did not answer within {waited} s (topic creation timed out, and a metadata request got no answer either: {e.Error.Reason}). " +
                SinkErrors.Advice(ErrorCode.Local_TimedOut, options.ValuesTopic, options.BootstrapServers),
                timeout);
        }

        var brokers = string.Join(", ", metadata.Brokers.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.BrokerId} ({b.Host}:{b.Port})")));
        Node? controller;
        try
        {
            var cluster = await admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = DescribeTimeout })
                .WaitAsync(DescribeTimeout + TimeSpan.FromSeconds(1), ct)
                .ConfigureAwait(false);
            controller = cluster.Controller;
        }
        catch (Exception e) when (e is KafkaException or TimeoutException)
        {
            // librdkafka waits for the metadata to name a controller before it describes the cluster: none came.
            controller = null;
        }

        if (controller is null)
        {
            return new SinkException(
                $"Kafka brokers {options.BootstrapServers} answered (brokers {brokers}), but the cluster metadata names no active controller (controller id -1), " +
                $"so topic creation timed out after {waited} s: the network is fine, the cluster cannot create topics or elect partition leaders. " +
                "Check the controller quorum — with KRaft the controllers in controller.quorum.voters and their logs (is a leader elected?), with ZooKeeper the zookeeper.connect ensemble — " +
                "and the broker logs for controller errors. The bridge keeps buffering and retries.",
                timeout);
        }

        return new SinkException(
            string.Create(CultureInfo.InvariantCulture, $"Kafka controller {controller.Id} ({controller.Host}:{controller.Port}) is active but did not finish creating topics ") +
            $"{options.ValuesTopic}, {options.MetadataTopic}, {options.GapsTopic}, {options.EventsTopic} within {waited} s. " +
            "Check the controller's log and load, or create the topics yourself (the bridge leaves existing topics as they are).",
            timeout);
    }
}
