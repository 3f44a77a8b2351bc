using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataBridge.Kpi.Dashboard;

/// <summary>
/// The live dashboard: an ASP.NET Core minimal app serving the embedded page, GET /api/kpi (JSON snapshot),
/// GET /api/kpi/stream (server-sent events, one event per snapshot) and GET /healthz.
/// </summary>
public sealed class KpiDashboardServer : IAsyncDisposable
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] KeepAliveComment = ": keep-alive\n\n"u8.ToArray();

    private readonly WebApplication _app;
    private readonly KpiSnapshotHub _hub;
    private readonly KpiDashboardOptions _options;
    private readonly TimeProvider _time;

    private KpiDashboardServer(WebApplication app, KpiSnapshotHub hub, KpiDashboardOptions options, TimeProvider time)
    {
        _app = app;
        _hub = hub;
        _options = options;
        _time = time;
    }

    /// <summary>The address actually bound (useful with port 0).</summary>
    public Uri Address { get; private set; } = new(KpiDashboardOptions.DefaultUrl);

    /// <summary>Builds and starts the server.</summary>
    public static async Task<KpiDashboardServer> StartAsync(KpiSnapshotHub hub, KpiDashboardOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.WebHost.UseUrls(options.Url);
        var app = builder.Build();
        var server = new KpiDashboardServer(app, hub, options, time ?? TimeProvider.System);
        server.Map();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        var bound = addresses?.Addresses.FirstOrDefault();
        if (bound is not null)
        {
            server.Address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }

        return server;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(cts.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map()
    {
        _app.MapGet("/", (HttpContext ctx) => ServeAsset(ctx, "index.html"));
        _app.MapGet("/assets/{name}", (HttpContext ctx, string name) => ServeAsset(ctx, name));
        _app.MapGet("/api/kpi", async (HttpContext ctx) =>
        {
            ctx.Response.ContentType = "application/json; charset=utf-8";
            ctx.Response.Headers.CacheControl = "no-store";
            await ctx.Response.Body.WriteAsync(_hub.CurrentJson, ctx.RequestAborted).ConfigureAwait(false);
        });
        _app.MapGet("/api/kpi/stream", StreamAsync);
        _app.MapGet("/healthz", (HttpContext ctx) =>
        {
            var computed = _hub.Current.ComputedAt;
            var stale = _options.StaleAfter is { } limit && (_hub.Version == 0 || _time.GetUtcNow().UtcDateTime - computed > limit);
            ctx.Response.StatusCode = stale ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            ctx.Response.ContentType = "application/json; charset=utf-8";
            var json = _hub.Version == 0
                ? $"{{\"status\":\"{(stale ? "starting" : "ok")}\",\"snapshots\":0}}"
                : $"{{\"status\":\"{(stale ? "stale" : "ok")}\",\"snapshots\":{_hub.Version},\"computedAt\":\"{computed:O}\"}}";
            return ctx.Response.WriteAsync(json, ctx.RequestAborted);
        });
    }

    private static Task ServeAsset(HttpContext ctx, string name)
    {
        if (!DashboardAssets.TryGet(name, out var body, out var type))
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        ctx.Response.ContentType = type;
        ctx.Response.Headers.CacheControl = "no-cache";
        // The page loads nothing from elsewhere; the policy makes that a promise the browser enforces.
        ctx.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:";
        return ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).AsTask();
    }

    private async Task StreamAsync(HttpContext ctx)
    {
        var ct = ctx.RequestAborted;
        ctx.Response.ContentType = "text/event-stream";
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.Headers["X-Accel-Buffering"] = "no";
        var body = ctx.Response.Body;
        long seen = -1;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var version = _hub.Version;
                if (version != seen)
                {
                    seen = version;
                    await body.WriteAsync(DataPrefix, ct).ConfigureAwait(false);
                    await body.WriteAsync(_hub.CurrentJson, ct).ConfigureAwait(false);
                    await body.WriteAsync(EventEnd, ct).ConfigureAwait(false);
                    await body.FlushAsync(ct).ConfigureAwait(false);
                }

                var next = _hub.WaitForNewerAsync(seen, ct);
                var keepAlive = Task.Delay(_options.KeepAlive, _time, ct);
                if (await Task.WhenAny(next, keepAlive).ConfigureAwait(false) == keepAlive)
                {
                    await body.WriteAsync(KeepAliveComment, ct).ConfigureAwait(false);
                    await body.FlushAsync(ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }
}
