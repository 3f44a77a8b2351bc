namespace DataBridge.Bridge.Outbox;

/// <summary>Result of <see cref="Outbox.AppendAsync(RecordKind, string, long, ReadOnlyMemory{byte}, CancellationToken)"/>.</summary>
/// <param name="Status">Whether the record was stored.</param>
/// <param name="Position">Logical position of the record's first byte (for a rejected record: the log end at that moment).</param>
/// <param name="EndPosition">
/// Logical position just after the record: pass it to <see cref="Outbox.WaitForCommitAsync"/> before acknowledging the value
/// upstream. For a rejected record, equal to <paramref name="Position"/>; call <see cref="Outbox.CommitAsync"/> to make the
/// refused range durable.
/// </param>
public readonly record struct AppendResult(AppendStatus Status, long Position, long EndPosition)
{
    /// <summary>True when the record was stored.</summary>
    public bool IsAccepted => Status == AppendStatus.Accepted;
}
