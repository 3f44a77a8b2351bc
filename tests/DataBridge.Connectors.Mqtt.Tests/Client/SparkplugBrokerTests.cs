using DataBridge.Connectors.Mqtt.Client;
using DataBridge.Connectors.Mqtt.Sparkplug;
using DataBridge.Connectors.Mqtt.Tests.Support;
using DataBridge.Connectors.Mqtt.Transport;
using DataBridge.Core;
using DataBridge.Testing.Mqtt;
using DataBridge.Testing.Support;
using MQTTnet.Formatter;
using static DataBridge.Connectors.Mqtt.Tests.Support.SparkplugPayloads;

namespace DataBridge.Connectors.Mqtt.Tests.Client;

/// <summary>The Sparkplug source against a real Mosquitto broker, with a test edge node publishing through it.</summary>
public sealed class SparkplugBrokerTests
{
    private static readonly TimeSpan Deadline = Running.Deadline;

    private static SparkplugSource Source(int port, RecordingSparkplugObserver observer, MqttProtocolLevel level = MqttProtocolLevel.V311, string clientId = "databridge-test") =>
        new(new MqttConnectionOptions { Host = "127.0.0.1", Port = port, Protocol = level, ClientId = clientId, ReconnectDelay = TimeSpan.FromMilliseconds(200), MaxReconnectDelay = TimeSpan.FromSeconds(1) },
            new SparkplugSourceOptions { GroupIds = ["plant7"] }, observer);

    [Theory]
    [InlineData(MqttProtocolLevel.V311)]
    [InlineData(MqttProtocolLevel.V500)]
    public async Task Births_data_a_seq_jump_and_a_death_arrive_as_values_units_a_gap_and_bad_quality(MqttProtocolLevel level)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var observer = new RecordingSparkplugObserver();
        await using var source = Source(broker.Port, observer, level);
        await using var running = await Running.StartAsync(source.RunAsync, source.Subscriber);
        await using var edge = new TestEdgeNode("plant7", "press07");
        await edge.ConnectAsync(broker.Port, bdSeq: 1, level == MqttProtocolLevel.V500 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311);

        await edge.NodeBirthAsync(T0, SparkplugPayloads.Double("Temperature", 1, 20.5, "Cel"));
        await edge.DeviceBirthAsync("motor1", T0, SparkplugPayloads.Double("Speed", 10, 1500, "rpm"));
        await edge.NodeDataAsync(T0.AddSeconds(1), DoubleByAlias(1, 21));
        edge.SkipSeq(2);
        await edge.DeviceDataAsync("motor1", T0.AddSeconds(2), DoubleByAlias(10, 1490));
        await edge.NodeDeathAsync(T0.AddSeconds(3));

        await Eventually.WaitUntilAsync(() => observer.EventsOf<SparkplugDeathEvent>().Count == 1, Deadline, "the NDEATH");
        var temperature = observer.SamplesOf("plant7/press07/Temperature");
        Assert.Equal([TagValue.FromDouble(20.5), TagValue.FromDouble(21), TagValue.Null], temperature.Select(s => s.Value));
        Assert.Equal(StatusCodes.BadNoCommunication, temperature[^1].Status.Code);
        Assert.Equal(T0.AddSeconds(3), temperature[^1].SourceTimestamp);
        var speed = observer.SamplesOf("plant7/press07/motor1/Speed");
        Assert.Equal(TagValue.FromDouble(1490), speed[1].Value);
        Assert.Equal(StatusCodes.BadNoCommunication, speed[^1].Status.Code);
        Assert.Equal("rpm", observer.Samples.First(s => s.Metric.Name == "Speed").Metric.EngineeringUnit);
        var gap = Assert.Single(observer.EventsOf<SparkplugSequenceGap>());
        Assert.Equal(2, gap.MissingCount);
    }

    [Fact]
    public async Task When_the_edge_node_connection_dies_the_broker_delivers_its_will_and_every_metric_turns_bad()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var observer = new RecordingSparkplugObserver();
        await using var source = Source(broker.Port, observer);
        await using var running = await Running.StartAsync(source.RunAsync, source.Subscriber);
        await using var proxy = new TcpCutProxy(broker.Port);
        await using var edge = new TestEdgeNode("plant7", "press07");
        await edge.ConnectAsync(proxy.Port, bdSeq: 7);
        await edge.NodeBirthAsync(T0, SparkplugPayloads.Double("Temperature", 1, 20.5));
        await Eventually.WaitUntilAsync(() => observer.EventsOf<SparkplugBirthEvent>().Count == 1, Deadline, "the NBIRTH");

        proxy.CutAll();

        await Eventually.WaitUntilAsync(() => observer.EventsOf<SparkplugDeathEvent>().Count == 1, Deadline, "the will NDEATH");
        Assert.Equal(7UL, observer.EventsOf<SparkplugDeathEvent>()[0].BdSeq);
        Assert.Equal(StatusCodes.BadNoCommunication, observer.SamplesOf("plant7/press07/Temperature")[^1].Status.Code);
        Assert.Contains("NDEATH", broker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_broker_restart_the_source_reconnects_resubscribes_and_follows_the_rebirth()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var observer = new RecordingSparkplugObserver();
        await using var source = Source(broker.Port, observer);
        await using var running = await Running.StartAsync(source.RunAsync, source.Subscriber);
        await using (var edge = new TestEdgeNode("plant7", "press07"))
        {
            await edge.ConnectAsync(broker.Port, bdSeq: 1);
            await edge.NodeBirthAsync(T0, SparkplugPayloads.Double("Temperature", 1, 20.5));
            await Eventually.WaitUntilAsync(() => observer.EventsOf<SparkplugBirthEvent>().Count == 1, Deadline, "the first NBIRTH");
        }

        await broker.RestartAsync();
        await Eventually.WaitUntilAsync(() => source.Subscriber.ConnectionCount >= 2, Deadline, "the reconnect and re-subscription");

        await using var reborn = new TestEdgeNode("plant7", "press07");
        await reborn.ConnectAsync(broker.Port, bdSeq: 2);
        await reborn.NodeBirthAsync(T0.AddMinutes(1), SparkplugPayloads.Double("Temperature", 1, 30));
        await reborn.NodeDataAsync(T0.AddMinutes(1), DoubleByAlias(1, 31));

        await Eventually.WaitUntilAsync(() => observer.SamplesOf("plant7/press07/Temperature").Any(s => s.Value == TagValue.FromDouble(31)), Deadline, "data after the restart");
        Assert.Equal(2UL, observer.EventsOf<SparkplugBirthEvent>()[^1].BdSeq);
    }
}
