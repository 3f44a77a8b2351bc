using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using DataBridge.Connectors.Mqtt.Client;
using DataBridge.Connectors.Mqtt.Tests.Support;
using DataBridge.Connectors.Mqtt.Transport;
using DataBridge.Testing.Mqtt;
using DataBridge.Testing.Support;
using DataBridge.Connectors.Mqtt.Sparkplug;
using static DataBridge.Connectors.Mqtt.Tests.Support.SparkplugPayloads;

namespace DataBridge.Connectors.Mqtt.Tests;

/// <summary>The read-only promise for MQTT: the connector never publishes (no NCMD/DCMD, no rebirth request, no will).</summary>
public sealed class ReadOnlyPromiseTests
{
    /// <summary>Names of every MQTTnet member the connector assembly references that could make the broker publish for it.</summary>
    private static List<string> PublishingReferences(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            var name = md.GetString(member.Name);
            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var type = md.GetTypeReference((TypeReferenceHandle)member.Parent);
            var ns = md.GetString(type.Namespace);
            if (ns.StartsWith("MQTTnet", StringComparison.Ordinal)
                && (name.Contains("Publish", StringComparison.Ordinal) || name.Contains("Will", StringComparison.Ordinal) || md.GetString(type.Name).Contains("ApplicationMessageBuilder", StringComparison.Ordinal)))
            {
                found.Add($"{ns}.{md.GetString(type.Name)}.{name}");
            }
        }

        return found;
    }

    [Fact]
    public void The_connector_assembly_calls_no_MQTTnet_publish_or_will_API()
    {
        Assert.Empty(PublishingReferences(typeof(MqttSubscriber).Assembly.Location));
    }

    [Fact]
    public void The_scan_finds_publish_calls_where_they_exist()
    {
        // The test assembly's edge node publishes: the same scan must see it, or the test above proves nothing.
        var found = PublishingReferences(typeof(ReadOnlyPromiseTests).Assembly.Location);
        Assert.Contains(found, f => f.EndsWith(".PublishAsync", StringComparison.Ordinal));
        Assert.Contains(found, f => f.EndsWith(".WithWillTopic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_broker_log_of_a_run_shows_no_PUBLISH_from_the_connector_client_id()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var observer = new RecordingSparkplugObserver();
        const string clientId = "databridge-readonly-check";
        await using (var source = new SparkplugSource(new MqttConnectionOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = clientId }, new SparkplugSourceOptions(), observer))
        await using (await Running.StartAsync(source.RunAsync, source.Subscriber))
        await using (var edge = new TestEdgeNode("plant7", "press07"))
        {
            await edge.ConnectAsync(broker.Port, bdSeq: 1);
            // Data before birth: a host that may write would now send a rebirth request (NCMD). DataBridge must not.
            await edge.NodeDataAsync(T0, DoubleByAlias(1, 1));
            await edge.NodeBirthAsync(T0, SparkplugPayloads.Double("Temperature", 1, 20.5));
            await Eventually.WaitUntilAsync(() => observer.EventsOf<SparkplugBirthEvent>().Count == 1, Running.Deadline, "the NBIRTH");
            Assert.Single(observer.EventsOf<SparkplugDataBeforeBirth>());
        }

        await broker.WaitForLogAsync($"Received DISCONNECT from {clientId}", Running.Deadline);
        var log = broker.Log;
        Assert.Contains($"Received SUBSCRIBE from {clientId}", log, StringComparison.Ordinal);
        Assert.Contains("Received PUBLISH from edge-", log, StringComparison.Ordinal);
        Assert.DoesNotContain($"Received PUBLISH from {clientId}", log, StringComparison.Ordinal);
        Assert.DoesNotContain("NCMD", log, StringComparison.Ordinal);
    }
}
