using DataBridge.Connectors.Mqtt.Client;
using DataBridge.Connectors.Mqtt.Tests.Support;
using DataBridge.Connectors.Mqtt.Transport;
using DataBridge.Core;
using DataBridge.Testing.Mqtt;
using DataBridge.Testing.Support;
using MQTTnet;

namespace DataBridge.Connectors.Mqtt.Tests.Client;

/// <summary>TLS, credentials and plain JSON topics against a real Mosquitto broker.</summary>
public sealed class MqttConnectionTests
{
    private static readonly TimeSpan Deadline = Running.Deadline;

    private static async Task PublishAsync(int port, string topic, string payload, Action<MqttClientOptionsBuilder>? configure = null)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("test-publisher");
        configure?.Invoke(builder);
        using var timeout = new CancellationTokenSource(Deadline);
        await client.ConnectAsync(builder.Build(), timeout.Token);
        await client.PublishStringAsync(topic, payload, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: timeout.Token);
        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
    }

    private static JsonTopicSource Json(MqttConnectionOptions options, RecordingJsonObserver observer) =>
        new(options, [new JsonTopicBinding("plant7/+/press/+/temperature", "$.value", "$.ts")], observer);

    [Fact]
    public async Task Json_topics_with_wildcards_flow_and_a_malformed_payload_is_rejected_while_the_rest_keeps_flowing()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var observer = new RecordingJsonObserver();
        await using var source = Json(new MqttConnectionOptions { Host = "127.0.0.1", Port = broker.Port }, observer);
        await using var running = await Running.StartAsync(source.RunAsync, source.Subscriber);

        await PublishAsync(broker.Port, "plant7/line2/press/p07/temperature", """{"value": 21.5, "ts": "2026-12-05T06:00:00Z"}""");
        await PublishAsync(broker.Port, "plant7/line2/press/p08/temperature", """{"value": 2""");
        await PublishAsync(broker.Port, "plant7/line2/press/p08/pressure", """{"value": 9, "ts": 0}""");
        await PublishAsync(broker.Port, "plant7/line3/press/p09/temperature", """{"value": 23, "ts": 1796450400000}""");

        await Eventually.WaitUntilAsync(() => observer.Samples.Count == 2 && observer.Rejected.Count == 1, Deadline, "two samples and one rejection");
        Assert.Equal(("plant7/line2/press/p07/temperature", TagValue.FromDouble(21.5)), (observer.Samples[0].Topic, observer.Samples[0].Sample.Value));
        Assert.Equal(new DateTime(2026, 12, 5, 6, 0, 0, DateTimeKind.Utc), observer.Samples[0].Sample.SourceTimestamp);
        Assert.Equal("plant7/line3/press/p09/temperature", observer.Samples[1].Topic);
        Assert.Equal(DataBridge.Connectors.Mqtt.Encoding.Json.JsonPayloadError.MalformedJson, observer.Rejected[0].Error.Error);
    }

    [Fact]
    public async Task Tls_with_the_configured_CA_connects_and_a_wrong_CA_is_refused_with_a_reason()
    {
        using var pki = MqttTestCertificates.Create();
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Tls = pki });
        var observer = new RecordingJsonObserver();
        var options = new MqttConnectionOptions { Host = "127.0.0.1", Port = broker.Port, Tls = new MqttTlsOptions { CaFile = pki.CaPath } };
        await using (var source = Json(options, observer))
        await using (await Running.StartAsync(source.RunAsync, source.Subscriber))
        {
            Assert.True(source.Subscriber.IsConnected);
        }

        var wrong = options with { Tls = new MqttTlsOptions { CaFile = pki.OtherCaPath }, ClientId = "databridge-wrong-ca" };
        await using var refused = Json(wrong, observer);
        using var stop = new CancellationTokenSource();
        var loop = refused.RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => refused.Subscriber.LastError is not null, Deadline, "the TLS refusal");
        await stop.CancelAsync();
        await loop.WaitAsync(Deadline);
        Assert.Equal(0, refused.Subscriber.ConnectionCount);
        var error = Assert.IsType<MqttConnectionException>(refused.Subscriber.LastError);
        Assert.Contains("does not chain to the configured CA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_with_a_client_certificate_connects_to_a_broker_that_requires_one()
    {
        using var pki = MqttTestCertificates.Create();
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Tls = pki, RequireClientCertificate = true });
        var options = new MqttConnectionOptions
        {
            Host = "127.0.0.1",
            Port = broker.Port,
            Tls = new MqttTlsOptions { CaFile = pki.CaPath, ClientCertificateFile = pki.ClientCertificatePath, ClientKeyFile = pki.ClientKeyPath },
        };
        await using var source = Json(options, new RecordingJsonObserver());
        await using var running = await Running.StartAsync(source.RunAsync, source.Subscriber);

        Assert.True(source.Subscriber.IsConnected);
    }

    [Fact]
    public async Task Username_and_password_connect_and_a_wrong_password_is_a_typed_refusal_that_never_shows_the_secret()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Credentials = ("bridge", "s3cret-Pw") });
        var observer = new RecordingJsonObserver();
        var good = new MqttConnectionOptions { Host = "127.0.0.1", Port = broker.Port, Username = "bridge", Password = new MqttSecret("s3cret-Pw") };
        await using (var source = Json(good, observer))
        await using (await Running.StartAsync(source.RunAsync, source.Subscriber))
        {
            await PublishAsync(broker.Port, "plant7/l/press/p/temperature", """{"value": 1, "ts": 0}""", b => b.WithCredentials("bridge", "s3cret-Pw"));
            await Eventually.WaitUntilAsync(() => observer.Samples.Count == 1, Deadline, "a sample through the authenticated connection");
        }

        var bad = good with { Password = new MqttSecret("wrong-Pw-123"), ClientId = "databridge-bad-password" };
        await using var refused = Json(bad, observer);
        using var stop = new CancellationTokenSource();
        var loop = refused.RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => refused.Subscriber.LastError is not null, Deadline, "the refusal");
        await stop.CancelAsync();
        await loop.WaitAsync(Deadline);
        var error = Assert.IsType<MqttConnectionException>(refused.Subscriber.LastError);
        Assert.Contains("refused the connection", error.Message, StringComparison.Ordinal);
        Assert.Contains("password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-Pw-123", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-Pw-123", bad.ToString(), StringComparison.Ordinal);
    }
}
