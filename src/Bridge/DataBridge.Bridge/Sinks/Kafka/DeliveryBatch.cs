using Confluent.Kafka;

namespace DataBridge.Bridge.Sinks.Kafka;

/// <summary>
/// Counts the delivery reports of one sink call: one shared handler delegate and one task per call, no
/// allocation per record. The count starts at one (the producing loop's own token) so the call cannot complete
/// before every record has been handed to librdkafka.
/// </summary>
internal sealed class DeliveryBatch
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending = 1;
    private int _failed;
    private Error? _firstError;

    public DeliveryBatch(string topic)
    {
        Topic = topic;
        Handler = OnReport;
    }

    public string Topic { get; }

    public Action<DeliveryReport<string, byte[]>> Handler { get; }

    public Task Completion => _done.Task;

    public int Failed => Volatile.Read(ref _failed);

    public Error? FirstError => Volatile.Read(ref _firstError);

    /// <summary>Called before each Produce: one more report to wait for.</summary>
    public void Expect() => Interlocked.Increment(ref _pending);

    /// <summary>A record that was expected but could not be handed to librdkafka (or was never tried).</summary>
    public void FailWithoutReport(Error error, int count = 1)
    {
        Fail(error, count);
        for (var i = 0; i < count; i++)
        {
            Release();
        }
    }

    /// <summary>A record that was never expected (the loop stopped early) still counts as failed.</summary>
    public void FailNotProduced(Error error, int count) => Fail(error, count);

    /// <summary>The loop handed over every record: only reports remain.</summary>
    public void Seal() => Release();

    private void OnReport(DeliveryReport<string, byte[]> report)
    {
        // acks=all: Persisted means every in-sync replica has the record; anything else is retried by the outbox.
        if (report.Error.IsError || report.Status != PersistenceStatus.Persisted)
        {
            Fail(report.Error.IsError ? report.Error : new Error(ErrorCode.Unknown, "delivery status " + report.Status), 1);
        }

        Release();
    }

    private void Fail(Error error, int count)
    {
        Interlocked.CompareExchange(ref _firstError, error, null);
        Interlocked.Add(ref _failed, count);
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.TrySetResult();
        }
    }
}
