using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DataBridge.Testing.Support;

namespace DataBridge.Testing.Kafka;

/// <summary>
/// A scripted stand-in for the Confluent Schema Registry's register call (no registry can be installed on the test
/// machines): answers <c>POST /subjects/{subject}/versions</c> with a new id per subject, on 127.0.0.1 only.
/// </summary>
public sealed class FakeSchemaRegistry : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _nextId = 100;

    public FakeSchemaRegistry()
    {
        var port = FreePort.Tcp();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    /// <summary>Subject → (id, schema text, Authorization header) of every registration.</summary>
    public ConcurrentDictionary<string, (int Id, string Schema, string? Authorization)> Registered { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _listener.Close();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var parts = context.Request.Url!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (context.Request.HttpMethod != "POST" || parts is not ["subjects", _, "versions"])
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }

            var subject = Uri.UnescapeDataString(parts[1]);
            var schema = JsonNode.Parse(body)!["schema"]!.GetValue<string>();
            var entry = Registered.GetOrAdd(subject, _ => (Interlocked.Increment(ref _nextId), schema, context.Request.Headers["Authorization"]));
            var answer = Encoding.UTF8.GetBytes($$"""{"id":{{entry.Id}}}""");
            context.Response.ContentType = "application/vnd.schemaregistry.v1+json";
            await context.Response.OutputStream.WriteAsync(answer).ConfigureAwait(false);
            context.Response.Close();
        }
    }
}
