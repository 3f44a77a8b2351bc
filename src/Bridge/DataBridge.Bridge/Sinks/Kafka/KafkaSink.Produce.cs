using System.Buffers;
using Confluent.Kafka;
using DataBridge.Bridge.Outbox;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Bridge.Sinks.Kafka;

public sealed partial class KafkaSink
{
    /// <inheritdoc />
    public ValueTask WriteAsync(IReadOnlyList<TagValueRecord> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        return ProduceAllAsync(_options.ValuesTopic, records, static r => r.TagId, static (r, w) => TagValueSerializer.Write(r, w), ct);
    }

    /// <inheritdoc />
    public ValueTask PublishMetadataAsync(IReadOnlyList<TagMetadataRecord> metadata, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return ProduceAllAsync(_options.MetadataTopic, metadata, static r => r.TagId, TagMetadataSerializer.Write, ct);
    }

    /// <inheritdoc />
    public ValueTask WriteGapAsync(GapRecord gap, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(gap);
        return ProduceAllAsync(_options.GapsTopic, [gap], static r => r.SourceId, GapSerializer.Write, ct);
    }

    /// <inheritdoc />
    public ValueTask WriteEventAsync(BridgeEventRecord e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        return ProduceAllAsync(_options.EventsTopic, [e], static r => r.BridgeId, BridgeEventSerializer.Write, ct);
    }

    /// <summary>
    /// Produces records as the outbox stored them (key + Avro bytes) to the topic of their kind: the bytes go out as they
    /// are (behind the Confluent wire-format header when a schema registry is configured), nothing is decoded.
    /// </summary>
    public ValueTask SendAsync(RecordKind kind, IReadOnlyList<EncodedRecord> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        var topic = kind switch
        {
            RecordKind.Value => _options.ValuesTopic,
            RecordKind.Metadata => _options.MetadataTopic,
            RecordKind.Event => _options.EventsTopic,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Gaps go through SendGapAsync."),
        };
        return ProduceAllAsync(topic, records, static r => r.Key, static (r, w) => w.Write(r.Value.Span), ct);
    }

    /// <inheritdoc />
    public ValueTask SendGapAsync(GapRecord gap, CancellationToken ct) => WriteGapAsync(gap, ct);

    private async ValueTask ProduceAllAsync<T>(string topic, IReadOnlyList<T> records, Func<T, string> key, Action<T, IBufferWriter<byte>> encode, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (records.Count == 0)
        {
            return;
        }

        if (!_ready.IsCompleted)
        {
            // Kafka has not been reached yet: the caller (the outbox forwarder) waits; its records stay on disk.
            await _ready.WaitAsync(ct).ConfigureAwait(false);
        }

        var batch = new DeliveryBatch(topic);
        var framed = _schemaIds.TryGetValue(topic, out var schemaId);

        // The gate keeps records of concurrent calls from interleaving, so per-key order is call order.
        await _produceGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (var i = 0; i < records.Count; i++)
            {
                _buffer.ResetWrittenCount();
                if (framed)
                {
                    ConfluentWireFormat.WriteHeader(schemaId, _buffer);
                }

                encode(records[i], _buffer);
                var message = new Message<string, byte[]> { Key = key(records[i]), Value = _buffer.WrittenSpan.ToArray() };
                batch.Expect();
                if (!await TryProduceAsync(topic, message, batch, ct).ConfigureAwait(false))
                {
                    batch.FailNotProduced(batch.FirstError!, records.Count - i - 1);
                    break;
                }
            }
        }
        finally
        {
            _produceGate.Release();
            batch.Seal();
        }

        await batch.Completion.WaitAsync(ct).ConfigureAwait(false);
        if (batch.Failed > 0)
        {
            var error = SinkErrors.Delivery(batch, records.Count, _options.BootstrapServers);
            if (batch.FirstError is { } first && SinkErrors.IsUnreachable(first.Code))
            {
                _connectivity.Waiting(error.Message);
            }

            throw error;
        }

        if (!_connectivity.IsConnected)
        {
            _connectivity.Connected($"{records.Count} records delivered to '{topic}'");
        }
    }

    private async ValueTask<bool> TryProduceAsync(string topic, Message<string, byte[]> message, DeliveryBatch batch, CancellationToken ct)
    {
        try
        {
            _producer.Produce(topic, message, batch.Handler);
            return true;
        }
        catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            try
            {
                await _queueFullPipeline.ExecuteAsync(
                    static (s, _) =>
                    {
                        s.Producer.Produce(s.Topic, s.Message, s.Batch.Handler);
                        return ValueTask.CompletedTask;
                    },
                    (Producer: _producer, Topic: topic, Message: message, Batch: batch),
                    ct).ConfigureAwait(false);
                return true;
            }
            catch (Exception retryFailure) when (retryFailure is ProduceException<string, byte[]> or Polly.Timeout.TimeoutRejectedException)
            {
                batch.FailWithoutReport(new Error(ErrorCode.Local_QueueFull, "librdkafka's queue stayed full: " + retryFailure.Message));
                return false;
            }
            catch (OperationCanceledException)
            {
                batch.FailWithoutReport(new Error(ErrorCode.Local_QueueFull, "cancelled while the queue was full"));
                throw;
            }
        }
        catch (ProduceException<string, byte[]> e)
        {
            batch.FailWithoutReport(e.Error);
            return false;
        }
        catch (KafkaException e)
        {
            batch.FailWithoutReport(e.Error);
            return false;
        }
    }
}
