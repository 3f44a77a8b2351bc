namespace DataBridge.Diode.Sending;

/// <summary>
/// Where the diode sender reads records from: the edge outbox (through an adapter), or a generator in tests and
/// benchmarks. The shape follows <c>ChannelReader</c>: take what is there without waiting, then wait for more.
/// </summary>
public interface IDiodeRecordSource
{
    /// <summary>Takes the next record if one is ready. Its memory is valid until the next call on this source.</summary>
    bool TryRead(out DiodeRecord record);

    /// <summary>
    /// Completes when a record is ready (true) or the source has ended for good (false); the sender cancels the wait
    /// through <paramref name="cancellationToken"/> when a heartbeat is due.
    /// </summary>
    ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every record up to and including <paramref name="position"/> is now in datagrams handed to the kernel (data and
    /// parity of block <paramref name="blockId"/> and all earlier blocks). Nothing confirms arrival across a diode:
    /// this is where the outbox may advance its sent position, keeping the records for the retention window.
    /// </summary>
    void OnBlockSent(ulong blockId, long position);
}
