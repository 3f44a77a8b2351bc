using System.Globalization;
using System.Net.Sockets;
using DataBridge.Bridge.Sources.OpcUa;
using DataBridge.Connectors.OpcUa;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Configuration;
using DataBridge.Connectors.OpcUa.Managed;

namespace DataBridge.Bridge.Configuration.Online;

/// <summary>
/// The online half of <c>databridge validate --online</c>: connects to every source of a configuration that passed the
/// offline checks and reports what only the plant can tell. OPC UA: the endpoint answers, every tag's node exists
/// (node ids and browse paths resolved as the bridge would), is a Variable, and has a scalar data type the bridge
/// carries. Modbus: the device accepts a TCP connection (no request is sent). Read-only: it browses, translates and
/// reads attributes, nothing more.
/// </summary>
public static class OnlineValidator
{
    /// <summary>Checks every source of <paramref name="configuration"/>, each bounded by <see cref="OnlineValidationOptions.SourceTimeout"/>.</summary>
    public static async Task<OnlineValidationReport> ValidateAsync(BridgeConfiguration configuration, OnlineValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options ??= OnlineValidationOptions.Default;
        using var gate = new SemaphoreSlim(Math.Max(1, options.MaxParallelSources));
        var tasks = new List<Task<SourceOutcome>>(configuration.Sources.Count);
        foreach (var source in configuration.Sources)
        {
            tasks.Add(CheckGatedAsync(source, options, gate, cancellationToken));
        }

        var outcomes = await Task.WhenAll(tasks).ConfigureAwait(false);
        var problems = new List<ConfigurationError>();
        int reached = 0, tags = 0, ok = 0;
        foreach (var o in outcomes)
        {
            problems.AddRange(o.Problems);
            reached += o.Reached ? 1 : 0;
            tags += o.Tags;
            ok += o.TagsOk;
        }

        return new OnlineValidationReport
        {
            Problems = [.. problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column)],
            Sources = outcomes.Length,
            SourcesReached = reached,
            OpcUaTags = tags,
            OpcUaTagsOk = ok,
        };
    }

    private static async Task<SourceOutcome> CheckGatedAsync(SourceDefinition source, OnlineValidationOptions options, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(options.SourceTimeout);
            try
            {
                return source switch
                {
                    OpcUaSourceDefinition opcua => await CheckOpcUaAsync(opcua, options, budget.Token).ConfigureAwait(false),
                    ModbusSourceDefinition modbus => await CheckModbusAsync(modbus, options, budget.Token).ConfigureAwait(false),
                    _ => new SourceOutcome([], true, 0, 0),
                };
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var seconds = options.SourceTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
                return Unreachable(source, $"no complete answer within {seconds} s; check that the device is up and not overloaded");
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<SourceOutcome> CheckOpcUaAsync(OpcUaSourceDefinition source, OnlineValidationOptions options, CancellationToken cancellationToken)
    {
        var clientOptions = new OpcUaClientOptions
        {
            ApplicationName = "databridge validate",
            KeepAliveInterval = TimeSpan.Zero,
            ConnectRetryAttempts = 0,
        }.WithTimeouts(options.ConnectTimeout, options.SourceTimeout);

        OpcUaClient client;
        try
        {
            client = await OpcUaClient.ConnectAsync(source.Endpoint, clientOptions, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OpcUaException or SocketException or IOException or FormatException or ArgumentException)
        {
            return Unreachable(source, ex.Message);
        }

        await using (client.ConfigureAwait(false))
        {
            IReadOnlyList<OpcUaNodeResolution> resolved;
            try
            {
                resolved = await OpcUaTagResolver.ResolveAsync(client, source, checkDataTypes: true, cancellationToken).ConfigureAwait(false);
            }
            catch (OpcUaException ex)
            {
                return new SourceOutcome([Error(source.Location, $"source '{source.Id}': checking the tags on {source.Endpoint} failed: {ex.Message}")], true, 0, 0);
            }

            var problems = new List<ConfigurationError>();
            var ok = 0;
            for (var i = 0; i < resolved.Count; i++)
            {
                var tag = source.Tags[i];
                if (resolved[i].Problem is { } problem)
                {
                    problems.Add(Error(tag.Location, $"tag '{tag.Name}' of source '{source.Id}': {problem}"));
                }
                else
                {
                    ok++;
                }

                if (resolved[i].Warning is { } warning)
                {
                    problems.Add(new ConfigurationError(tag.Location.File, tag.Location.Line, tag.Location.Column, $"tag '{tag.Name}' of source '{source.Id}': {warning}", ConfigurationSeverity.Warning));
                }
            }

            return new SourceOutcome(problems, true, resolved.Count, ok);
        }
    }

    /// <summary>A TCP connect only: proves the device (or its gateway) listens, without sending a Modbus request.</summary>
    private static async Task<SourceOutcome> CheckModbusAsync(ModbusSourceDefinition source, OnlineValidationOptions options, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connect.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(source.Host, source.Port, connect.Token).ConfigureAwait(false);
            return new SourceOutcome([], true, 0, 0);
        }
        catch (SocketException ex)
        {
            return Unreachable(source, $"{ex.Message} ({ex.SocketErrorCode}); check the host, the port and any firewall between here and the device");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = options.ConnectTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return Unreachable(source, $"no answer to the TCP connect within {seconds} s; check the host, the port and any firewall between here and the device");
        }
    }

    private static SourceOutcome Unreachable(SourceDefinition source, string reason)
    {
        var target = source switch
        {
            OpcUaSourceDefinition o => o.Endpoint,
            ModbusSourceDefinition m => $"Modbus device {m.Host}:{m.Port.ToString(CultureInfo.InvariantCulture)}",
            _ => source.Id,
        };
        return new SourceOutcome([Error(source.Location, $"source '{source.Id}': cannot reach {target}: {reason}")], false, 0, 0);
    }

    private static ConfigurationError Error(SourceLocation at, string message) => new(at.File, at.Line, at.Column, message);

    private sealed record SourceOutcome(IReadOnlyList<ConfigurationError> Problems, bool Reached, int Tags, int TagsOk);
}
