namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>
/// A request waiting for its response: the chunks received so far (bounded by the negotiated response limits) and
/// the completion the caller awaits. The read loop and a timing-out caller both touch it, so access is locked.
/// </summary>
internal sealed class PendingRequest
{
    private readonly TaskCompletionSource<PooledBuffer> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PooledBuffer? _assembly;
    private int _chunkCount;
    private bool _done;

    public PendingRequest(UaTcpMessageType expectedType) => ExpectedType = expectedType;

    /// <summary>The message type the response must have (OPN answers OPN, MSG answers MSG).</summary>
    public UaTcpMessageType ExpectedType { get; }

    /// <summary>Completes with the reassembled body (owned by the awaiter) or fails.</summary>
    public Task<PooledBuffer> Task => _completion.Task;

    /// <summary>
    /// Adds one chunk body. Returns null when accepted, or an exception when a limit broke (the request then fails,
    /// and later chunks of it are dropped because it is no longer pending).
    /// </summary>
    public OpcUaTransportException? Append(ReadOnlySpan<byte> body, bool isFinal, in NegotiatedLimits limits)
    {
        lock (this)
        {
            if (_done)
            {
                return null;
            }

            _chunkCount++;
            _assembly ??= new PooledBuffer(body.Length, limits.MaxResponseMessageSize);
            if (_chunkCount > limits.MaxResponseChunkCount || !_assembly.CanAppend(body.Length))
            {
                // Part 6 §7.1.2.3: the server should have aborted with BadResponseTooLarge; we stop collecting.
                return new OpcUaTransportException(
                    Core.StatusCodes.BadResponseTooLarge,
                    $"The response exceeded the client's limits ({limits.MaxResponseChunkCount} chunks, {limits.MaxResponseMessageSize} bytes). Request fewer nodes per call or raise OpcUaTransportLimits.MaxMessageSize.",
                    isChannelFatal: false);
            }

            _assembly.Append(body);
            if (isFinal)
            {
                _done = true;
                var result = _assembly;
                _assembly = null;
                _completion.TrySetResult(result);
            }

            return null;
        }
    }

    /// <summary>Fails the request and frees what was collected.</summary>
    public void Fail(Exception error)
    {
        lock (this)
        {
            _done = true;
            _assembly?.Dispose();
            _assembly = null;
        }

        _completion.TrySetException(error);
    }

    /// <summary>Called when the awaiter gave up: frees a partial assembly, or a completed body nobody will read.</summary>
    public void Abandon()
    {
        lock (this)
        {
            _done = true;
            _assembly?.Dispose();
            _assembly = null;
        }

        if (_completion.Task.IsCompletedSuccessfully)
        {
            _completion.Task.Result.Dispose();
        }
    }
}
