namespace DataBridge.Diode.Sending;

/// <summary>
/// One outbox record as the diode sender sees it. The memory is only valid until the next read from the
/// <see cref="IDiodeRecordSource"/>: the sender copies it into a payload at once.
/// </summary>
/// <param name="SourceId">The source whose sequence this is (at most 255 UTF-8 bytes).</param>
/// <param name="Sequence">The per-source sequence number.</param>
/// <param name="Kind">The outbox's record kind (value, gap, event, metadata), carried opaquely.</param>
/// <param name="Key">The Kafka key bytes (empty: none).</param>
/// <param name="Value">The Kafka value bytes.</param>
/// <param name="Position">The record's position in the source (the outbox offset): reported back through
/// <see cref="IDiodeRecordSource.OnBlockSent"/> once the block that carries the record's last byte has been sent.</param>
public readonly record struct DiodeRecord(string SourceId, long Sequence, byte Kind, ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value, long Position);
