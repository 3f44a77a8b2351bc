using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Hosting;

/// <summary>
/// <c>GET /healthz</c> on a loopback address only: the edge promises no listening socket on the plant network, so
/// anything but 127.0.0.0/8 or ::1 is refused before a socket is opened.
/// </summary>
public sealed class HealthEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HealthReport> _report;
    private readonly ILogger _logger;

    private HealthEndpoint(Uri prefix, Func<HealthReport> report, ILogger logger)
    {
        _report = report;
        _logger = logger;
        _listener.Prefixes.Add(prefix.ToString());
    }

    /// <summary>Checks that <paramref name="url"/> is an http URL on a loopback address; returns the problem or null.</summary>
    public static string? Validate(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != Uri.UriSchemeHttp)
        {
            return $"health address {url} must be http://127.0.0.1:PORT/";
        }

        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        return loopback ? null : $"health address {url} is not a loopback address; the edge listens on nothing but loopback (use 127.0.0.1)";
    }

    /// <summary>Starts serving <paramref name="report"/> as JSON on <c>/healthz</c> (200 when ok, 503 when degraded).</summary>
    /// <param name="url">A loopback http address.</param>
    /// <param name="report">Builds the report per request.</param>
    /// <param name="logger">For failed requests.</param>
    public static HealthEndpoint Start(Uri url, Func<HealthReport> report, ILogger logger)
    {
        if (Validate(url) is { } problem)
        {
            throw new ArgumentException(problem, nameof(url));
        }

        var prefix = new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
        var endpoint = new HealthEndpoint(prefix, report, logger);
        endpoint._listener.Start();
        _ = endpoint.ServeAsync();
        return endpoint;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                using var response = context.Response;
                if (context.Request.Url?.AbsolutePath != "/healthz")
                {
                    response.StatusCode = 404;
                    continue;
                }

                var report = _report();
                var body = JsonSerializer.SerializeToUtf8Bytes(report);
                response.StatusCode = report.Status == "ok" ? 200 : 503;
                response.ContentType = "application/json";
                await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException)
            {
                _logger.LogDebug(ex, "Health request failed");
            }
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Close();
}
