using System.Globalization;
using System.Net;

namespace DataBridge.DevKafka;

/// <summary>
/// What <c>databridge dev-kafka</c> runs: a mock Kafka cluster on 127.0.0.1 for development and demos, kept alive
/// until cancelled. Prints <c>bootstrap: 127.0.0.1:PORT</c> (the line scripts and tests wait for).
/// </summary>
public static class DevKafkaHost
{
    /// <summary>The prefix of the line that carries the bootstrap address.</summary>
    public const string BootstrapPrefix = "bootstrap: ";

    /// <summary>
    /// The default topics (architecture §5), created up front: the mock has no CreateTopics, so without this the
    /// bridge would warn that it cannot create them and they would appear only on first use.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultTopics = ["databridge.values", "databridge.metadata", "databridge.gaps", "databridge.events", "databridge.kpi"];

    /// <summary>Runs the cluster until <paramref name="ct"/> is cancelled.</summary>
    /// <param name="brokers">Number of mock brokers.</param>
    /// <param name="port">A fixed loopback port to bootstrap from, or null for the brokers' random ports.</param>
    /// <param name="output">Where the bootstrap line and hints are written.</param>
    /// <param name="ct">Cancelled on Ctrl+C.</param>
    public static async Task RunAsync(int brokers, int? port, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var cluster = KafkaMockCluster.Start(brokers);
        foreach (var topic in DefaultTopics)
        {
            cluster.CreateTopic(topic, KafkaMockCluster.DefaultPartitions, Math.Min(brokers, 3));
        }

        LoopbackForwarder? forwarder = null;
        try
        {
            var bootstrap = cluster.BootstrapServers;
            if (port is { } fixedPort)
            {
                var first = cluster.BootstrapServers.Split(',')[0];
                var target = IPEndPoint.Parse(first);
                forwarder = new LoopbackForwarder(fixedPort, target);
                bootstrap = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{forwarder.Port}");
            }

            await output.WriteLineAsync(BootstrapPrefix + bootstrap).ConfigureAwait(false);
            await output.WriteLineAsync($"brokers: {cluster.BootstrapServers} (librdkafka mock cluster, {brokers} brokers, in memory)").ConfigureAwait(false);
            await output.WriteLineAsync($"topics: {string.Join(", ", DefaultTopics)} ({KafkaMockCluster.DefaultPartitions} partitions each; others are auto-created on first use; the mock keeps no topic settings such as compaction)").ConfigureAwait(false);
            await output.WriteLineAsync($"try: kcat -b {bootstrap} -L    stop: Ctrl+C").ConfigureAwait(false);
            await output.FlushAsync(ct).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the normal way to stop.
            }
        }
        finally
        {
            if (forwarder is not null)
            {
                await forwarder.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
