using System.CommandLine;
using DataBridge.Cli.Browse;
using DataBridge.Connectors.OpcUa;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Transport;

namespace DataBridge.Cli.Commands;

/// <summary>
/// <c>databridge browse opc.tcp://host:port [--node …] [--depth N] [--format table|yaml]</c>: lists the server's
/// endpoints and walks its address space, either as a tree for people or as tag mapping YAML to paste into a config.
/// Read-only like everything else: it browses and reads, nothing more.
/// </summary>
internal static class BrowseCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var endpoint = new Argument<string>("endpoint") { Description = "OPC UA endpoint URL, e.g. opc.tcp://192.168.0.10:4840" };
        var node = new Option<string>("--node") { Description = "Start node: nsu=<namespace uri>;s=<id>, ns=<index>;i=<id> or i=<id> (default: the Objects folder, i=85)" };
        var depth = new Option<int>("--depth") { Description = "Levels to walk below the start node", DefaultValueFactory = _ => 3 };
        var format = new Option<string>("--format") { Description = "table (a tree for reading) or yaml (tag mapping entries to paste)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "yaml");
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the server per request", DefaultValueFactory = _ => 15 };

        var command = new Command("browse", "List an OPC UA server's endpoints and walk its address space (read-only).");
        command.Arguments.Add(endpoint);
        command.Options.Add(node);
        command.Options.Add(depth);
        command.Options.Add(format);
        command.Options.Add(timeout);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                await RunAsync(
                    parseResult.GetValue(endpoint)!,
                    parseResult.GetValue(node),
                    parseResult.GetValue(depth),
                    parseResult.GetValue(format) == "yaml",
                    TimeSpan.FromSeconds(Math.Max(1, parseResult.GetValue(timeout))),
                    output,
                    cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (OpcUaException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }

    private static async Task RunAsync(string endpointUrl, string? startNode, int depth, bool yaml, TimeSpan timeout, TextWriter output, CancellationToken cancellationToken)
    {
        var options = new OpcUaClientOptions
        {
            ApplicationName = "databridge browse",
            KeepAliveInterval = TimeSpan.Zero,
            ConnectRetryAttempts = 0,
            Channel = new SecureChannelOptions { RequestTimeout = timeout, ConnectTimeout = timeout },
        };
        await using var client = await OpcUaClient.ConnectAsync(endpointUrl, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        var endpoints = await client.GetEndpointsAsync(cancellationToken).ConfigureAwait(false);
        var start = startNode is null ? new NodeId(85u) : client.ResolveNodeId(startNode);
        var tree = await client.WalkAsync(start, Math.Max(0, depth), cancellationToken).ConfigureAwait(false);

        if (yaml)
        {
            var serverName = endpoints.Count > 0 ? endpoints[0].Server?.ApplicationName.Text : null;
            TagMappingYaml.Write(output, tree, endpointUrl, serverName ?? "opcua");
            return;
        }

        await output.WriteLineAsync($"Endpoints of {endpointUrl}:").ConfigureAwait(false);
        await output.WriteLineAsync($"  {"MODE",-16} {"POLICY",-24} {"USER TOKENS",-40} URL").ConfigureAwait(false);
        foreach (var e in endpoints)
        {
            var policy = e.SecurityPolicyUri is { } uri && uri.Contains('#', StringComparison.Ordinal) ? uri[(uri.IndexOf('#', StringComparison.Ordinal) + 1)..] : e.SecurityPolicyUri;
            var tokens = string.Join(", ", (e.UserIdentityTokens ?? []).Select(t => t.TokenType.ToString()).Distinct());
            await output.WriteLineAsync($"  {e.SecurityMode,-16} {policy,-24} {tokens,-40} {e.EndpointUrl}").ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Namespaces:").ConfigureAwait(false);
        for (var i = 0; i < client.Namespaces.Uris.Count; i++)
        {
            await output.WriteLineAsync($"  ns={i,-3} {client.Namespaces.Uris[i]}").ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        AddressSpaceTable.Write(output, tree);
    }
}
