using System.Buffers.Binary;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>The single read loop: every chunk from the socket is checked and routed to the request it answers.</summary>
internal sealed partial class SecureChannel
{
    /// <summary>Policy URIs are short; a longer one is hostile (Part 6 §6.7.2.3 puts no limit, so the client does).</summary>
    private const int MaxPolicyUriLength = 256;

    /// <summary>Certificates beyond this are refused before allocation.</summary>
    private const int MaxCertificateLength = 32 * 1024;

    private bool _haveReceivedSequence;
    private uint _lastReceivedSequence;

    private void StartReadLoop() => _readLoop = Task.Run(ReadLoopAsync);

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_lifetime.IsCancellationRequested)
            {
                using var chunk = await _connection.ReadChunkAsync(_lifetime.Token).ConfigureAwait(false);
                ProcessChunk(chunk);
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            FaultChannel(new OpcUaTransportException(StatusCodes.BadSecureChannelClosed, $"The secure channel to {Address.Url} was closed by the client."));
        }
        catch (OpcUaTransportException ex)
        {
            FaultChannel(ex);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException or System.Net.Sockets.SocketException)
        {
            FaultChannel(new OpcUaTransportException(StatusCodes.BadConnectionClosed, $"The connection to {Address.Url} broke: {ex.Message}. Reconnect.", null, true, ex));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Unexpected failure in the OPC UA read loop for {Endpoint}", Address.Url);
            FaultChannel(new OpcUaTransportException(StatusCodes.BadUnexpectedError, $"The read loop for {Address.Url} failed unexpectedly: {ex.Message}.", null, true, ex));
        }
    }

    private void ProcessChunk(ReceivedChunk chunk)
    {
        var header = chunk.Header;
        switch (header.MessageType)
        {
            case UaTcpMessageType.Error:
                var (code, reason) = UaTcpHandshake.ParseError(chunk.Body);
                // Part 6 §7.1.2.5: the server closes the socket after an Error message.
                throw new OpcUaTransportException(code, $"The server at {Address.Url} closed the secure channel.", reason);
            case UaTcpMessageType.Message:
            case UaTcpMessageType.OpenSecureChannel:
            case UaTcpMessageType.CloseSecureChannel:
                break;
            default:
                throw new OpcUaTransportException(StatusCodes.BadTcpMessageTypeInvalid, $"The server sent an unexpected '{header.TypeText}' message on an open channel; the connection was closed.");
        }

        var span = chunk.Span;
        var asymmetric = header.MessageType == UaTcpMessageType.OpenSecureChannel;
        var headerSize = asymmetric ? ReadAsymmetricHeader(span) : ReadSymmetricHeader(span);
        var payloadLength = _security.Unsecure(span, headerSize, asymmetric);
        if (payloadLength < SequenceHeaderSize || headerSize + payloadLength > span.Length)
        {
            throw Malformed($"a '{header.TypeText}' chunk of {span.Length} bytes has no room for its sequence header");
        }

        var sequence = BinaryPrimitives.ReadUInt32LittleEndian(span[headerSize..]);
        var requestId = BinaryPrimitives.ReadUInt32LittleEndian(span[(headerSize + 4)..]);
        CheckSequence(sequence);
        var body = span.Slice(headerSize + SequenceHeaderSize, payloadLength - SequenceHeaderSize);

        if (!_pending.TryGetValue(requestId, out var pending))
        {
            // A response to a request that timed out or was cancelled: drop it, the memory was never committed.
            _logger.LogDebug("Dropped a chunk for request {RequestId}, which is no longer awaited", requestId);
            return;
        }

        if (pending.ExpectedType != header.MessageType)
        {
            throw Malformed($"request {requestId} expected a {pending.ExpectedType} response but got '{header.TypeText}'");
        }

        switch ((ChunkType)header.ChunkType)
        {
            case ChunkType.Abort:
                // Part 6 §6.7.3: the message is void but the channel stays open.
                var (abortCode, abortReason) = UaTcpHandshake.ParseError(body);
                if (_pending.TryRemove(requestId, out _))
                {
                    pending.Fail(new OpcUaTransportException(abortCode, $"The server aborted its response to request {requestId}.", abortReason, isChannelFatal: false));
                }

                return;
            case ChunkType.Intermediate:
            case ChunkType.Final:
                var error = pending.Append(body, header.ChunkType == (byte)ChunkType.Final, _connection.Limits);
                if (error is not null && _pending.TryRemove(requestId, out _))
                {
                    pending.Fail(error);
                }

                return;
            default:
                throw Malformed($"chunk type byte 0x{header.ChunkType:X2} is none of 'C', 'F', 'A'");
        }
    }

    private int ReadSymmetricHeader(ReadOnlySpan<byte> span)
    {
        if (span.Length < SymmetricHeaderSize + SequenceHeaderSize)
        {
            throw Malformed($"a chunk of {span.Length} bytes is shorter than its headers");
        }

        var channelId = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        var tokenId = BinaryPrimitives.ReadUInt32LittleEndian(span[12..]);
        lock (_tokenLock)
        {
            CheckToken(channelId, tokenId);
        }

        return SymmetricHeaderSize;
    }

    /// <summary>Checks channel and token id of a symmetric chunk; call under <c>_tokenLock</c>.</summary>
    private void CheckToken(uint channelId, uint tokenId)
    {
        var token = _currentToken;
        if (channelId != token.ChannelId)
        {
            throw new OpcUaTransportException(StatusCodes.BadSecureChannelIdInvalid, $"The server sent a chunk for secure channel {channelId}; this channel is {token.ChannelId}. The connection was closed.");
        }

        // Part 4 §5.5.2 / Part 6 §6.7.4: after a renewal the server may keep using the previous token, and clients
        // accept messages under an expired token for 25 % of its lifetime so network delays do not fault the channel.
        // node-opcua answers a request under the token id the request came with, even long after that token
        // expired, but then secures it with its newest keys: an older id of this channel is accepted as a label and
        // the chunk must verify with the current keys. The HMAC, not the id, is what authenticates the chunk.
        if (tokenId == token.TokenId)
        {
            return;
        }

        if (tokenId == _previousTokenId && tokenId != 0)
        {
            if (_time.GetUtcNow() <= _previousTokenExpiry)
            {
                return;
            }

            _security.ForgetToken(_previousTokenId);
            _previousTokenId = 0;
            return;
        }

        if (tokenId == 0 || !_issuedTokenIds.Contains(tokenId))
        {
            throw new OpcUaTransportException(StatusCodes.BadSecureChannelTokenUnknown, $"The server used security token {tokenId}, which this channel never issued; the current token is {token.TokenId}. The connection was closed.");
        }
    }

    private int ReadAsymmetricHeader(ReadOnlySpan<byte> span)
    {
        var offset = MessageHeader.Size;
        var channelId = ReadUInt32(span, ref offset);
        var knownChannel = _currentToken.ChannelId;
        if (knownChannel != 0 && channelId != knownChannel)
        {
            throw new OpcUaTransportException(StatusCodes.BadSecureChannelIdInvalid, $"The server answered OpenSecureChannel for channel {channelId}; this channel is {knownChannel}.");
        }

        var policyLength = ReadLength(span, ref offset, MaxPolicyUriLength, "SecurityPolicyUri");
        var policy = System.Text.Encoding.UTF8.GetString(span.Slice(offset, policyLength));
        offset += policyLength;
        if (!string.Equals(policy, _security.PolicyUri, StringComparison.Ordinal))
        {
            throw new OpcUaTransportException(StatusCodes.BadSecurityPolicyRejected, $"The server answered with security policy '{policy}' instead of '{_security.PolicyUri}'.");
        }

        var certificateLength = ReadLength(span, ref offset, MaxCertificateLength, "SenderCertificate");
        var certificate = span.Slice(offset, certificateLength);
        offset += certificateLength;
        var thumbprintLength = ReadLength(span, ref offset, 64, "ReceiverCertificateThumbprint");
        _security.CheckAsymmetricHeader(certificate, span.Slice(offset, thumbprintLength));
        offset += thumbprintLength;
        return offset;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> span, ref int offset)
    {
        if (offset + 4 > span.Length)
        {
            throw Malformed("the security header is truncated");
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(span[offset..]);
        offset += 4;
        return value;
    }

    private static int ReadLength(ReadOnlySpan<byte> span, ref int offset, int limit, string field)
    {
        var length = (int)ReadUInt32(span, ref offset);
        if (length == -1)
        {
            return 0;
        }

        if (length < 0 || length > limit || offset + length > span.Length)
        {
            throw Malformed($"{field} claims {length} bytes (limit {limit}, {span.Length - offset} left in the chunk)");
        }

        return length;
    }

    /// <summary>Part 6 §6.7.2.4: each chunk's number is the previous plus one, wrapping below 1,024.</summary>
    private void CheckSequence(uint sequence)
    {
        if (_haveReceivedSequence)
        {
            var expected = _lastReceivedSequence + 1;
            var wrapped = _lastReceivedSequence >= uint.MaxValue - 1024 && sequence < 1024;
            if (sequence != expected && !wrapped)
            {
                throw new OpcUaTransportException(StatusCodes.BadSequenceNumberInvalid, $"The server sent sequence number {sequence} after {_lastReceivedSequence}; chunks were lost or replayed. The connection was closed; reconnect.");
            }
        }

        _haveReceivedSequence = true;
        _lastReceivedSequence = sequence;
    }

    private static OpcUaTransportException Malformed(string what) =>
        new(StatusCodes.BadTcpInternalError, $"The server sent a malformed chunk: {what}. The connection was closed; if it repeats, report it to the server vendor.");
}
