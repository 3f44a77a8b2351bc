using System.Net.Sockets;
using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Transport;

internal sealed partial class ModbusTcpConnection
{
    private async Task ReadLoopAsync()
    {
        var filled = 0;
        try
        {
            while (true)
            {
                // The buffer holds one maximal ADU; a frame never needs more because the header is checked first.
                var read = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    Close(new ModbusConnectionException($"{_endpoint} closed the connection."));
                    return;
                }

                filled += read;
                filled = ProcessFrames(filled);
            }
        }
        catch (ModbusProtocolException ex)
        {
            Close(ex);
        }
        catch (OperationCanceledException)
        {
            // Closed by us; the reason is already recorded.
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            Close(new ModbusConnectionException($"Connection to {_endpoint} lost: {ex.Message}", ex));
        }
    }

    /// <summary>Handles every complete frame in the buffer and returns how many bytes are left over.</summary>
    private int ProcessFrames(int filled)
    {
        var offset = 0;
        while (ModbusFrameReader.TryReadFrame(_receiveBuffer.AsSpan(offset, filled - offset), out var header, out var pdu, out var frameLength))
        {
            Dispatch(header, pdu);
            offset += frameLength;
        }

        var left = filled - offset;
        if (offset > 0 && left > 0)
        {
            _receiveBuffer.AsSpan(offset, left).CopyTo(_receiveBuffer);
        }

        return left;
    }

    private void Dispatch(MbapHeader header, ReadOnlySpan<byte> pdu)
    {
        PendingRead? pending;
        ModbusReadResult result;

        // Parse and copy under the lock that Abandon takes: once a timed-out caller has abandoned its request (and
        // may hand its buffer back to a pool), the reader can no longer write into that buffer.
        lock (_pending)
        {
            if (!_pending.Remove(header.TransactionId, out pending))
            {
                if (Array.IndexOf(_abandoned, header.TransactionId, 0, Math.Min(_abandonedCount, AbandonedMemory)) >= 0)
                {
                    return;
                }

                throw new ModbusProtocolException(
                    $"Response carries transaction id {header.TransactionId}, which no request on {_endpoint} is waiting for.", header.TransactionId);
            }

            try
            {
                if (header.UnitId != _options.UnitId)
                {
                    throw new ModbusProtocolException(
                        $"Response for unit {header.UnitId} answers a request to unit {_options.UnitId} (transaction {header.TransactionId}).", header.TransactionId);
                }

                var response = ModbusResponseReader.Read(pdu, pending.Request, header.TransactionId);
                response.Data.CopyTo(pending.Destination.Span);
                result = new ModbusReadResult(response.ExceptionCode, response.Data.Length);
            }
            catch (ModbusProtocolException ex)
            {
                pending.Completion.TrySetException(ex);
                throw;
            }
        }

        pending.Completion.TrySetResult(result);
    }
}
