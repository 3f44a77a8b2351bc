using DataBridge.Connectors.Mqtt.Encoding.Proto;
using Google.Protobuf;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using static DataBridge.Connectors.Mqtt.Tests.Support.SparkplugPayloads;

namespace DataBridge.Connectors.Mqtt.Tests.Support;

/// <summary>
/// A Sparkplug B edge node in the test: an MQTTnet client that registers its NDEATH (with bdSeq) as its will, publishes
/// births and data with its own seq counter, and can be connected through a <see cref="DataBridge.Testing.Mqtt.TcpCutProxy"/>
/// so a test can make it vanish.
/// </summary>
internal sealed class TestEdgeNode : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _group;
    private readonly string _node;
    private ulong _seq;

    public TestEdgeNode(string group, string node)
    {
        _group = group;
        _node = node;
        ClientId = $"edge-{node}-{Guid.NewGuid():N}"[..24];
    }

    public string ClientId { get; }

    public ulong BdSeq { get; private set; }

    public async Task ConnectAsync(int port, ulong bdSeq, MqttProtocolVersion version = MqttProtocolVersion.V311)
    {
        BdSeq = bdSeq;
        var death = Payload(T0, null, SparkplugPayloads.BdSeq(bdSeq)).ToByteArray();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(ClientId)
            .WithProtocolVersion(version)
            .WithCleanSession(true)
            .WithWillTopic($"spBv1.0/{_group}/NDEATH/{_node}")
            .WithWillPayload(death)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _client.ConnectAsync(options, timeout.Token);
    }

    public Task NodeBirthAsync(DateTime t, params Payload.Types.Metric[] metrics)
    {
        _seq = 0;
        var all = new List<Payload.Types.Metric>(metrics) { SparkplugPayloads.BdSeq(BdSeq) };
        return PublishAsync("NBIRTH", null, Payload(t, 0, [.. all]));
    }

    public Task NodeDataAsync(DateTime t, params Payload.Types.Metric[] metrics) => PublishAsync("NDATA", null, Payload(t, NextSeq(), metrics));

    public Task DeviceBirthAsync(string device, DateTime t, params Payload.Types.Metric[] metrics) => PublishAsync("DBIRTH", device, Payload(t, NextSeq(), metrics));

    public Task DeviceDataAsync(string device, DateTime t, params Payload.Types.Metric[] metrics) => PublishAsync("DDATA", device, Payload(t, NextSeq(), metrics));

    public Task DeviceDeathAsync(string device, DateTime t) => PublishAsync("DDEATH", device, Payload(t, NextSeq()));

    /// <summary>Advances seq without publishing: the next message shows a gap of <paramref name="count"/>.</summary>
    public void SkipSeq(int count) => _seq = (_seq + (ulong)count) & 0xFF;

    public Task NodeDeathAsync(DateTime t) => PublishAsync("NDEATH", null, Payload(t, null, SparkplugPayloads.BdSeq(BdSeq)));

    public async Task PublishRawAsync(string topic, byte[] payload)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
            }
        }
        catch (Exception)
        {
        }

        _client.Dispose();
    }

    private ulong NextSeq() => _seq = (_seq + 1) & 0xFF;

    private Task PublishAsync(string type, string? device, Payload payload)
    {
        var topic = device is null ? $"spBv1.0/{_group}/{type}/{_node}" : $"spBv1.0/{_group}/{type}/{_node}/{device}";
        return PublishRawAsync(topic, payload.ToByteArray());
    }
}
