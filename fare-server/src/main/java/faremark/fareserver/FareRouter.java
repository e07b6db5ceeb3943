package faremark.fareserver;

import faremark.fareserver.ConnectionLimiter.Admission;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Routes one connection's requests, one at a time: HTTP/1.1 answers in request order, so a
 * pipelined request waits until the one before it is answered (and reading pauses if a client
 * pipelines too many). Everything here runs on the connection's event loop; the service time is
 * a task scheduled on that loop, so no thread ever waits.
 */
final class FareRouter extends ChannelInboundHandlerAdapter {
  /** Pipelined requests held before reading pauses; keeps a flooding client from using memory. */
  private static final int MAX_PIPELINED = 16;

  private final ServerContext server;
  private final ArrayDeque<FullHttpRequest> pending = new ArrayDeque<>();
  private boolean busy; // a request is being answered
  private boolean dispatching; // inside processNext's loop: answers must not recurse into it
  private boolean readingPaused;
  private boolean keepAlive; // of the request being answered
  private boolean http10;

  FareRouter(ServerContext server) {
    this.server = server;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    pending.addLast(request);
    if (pending.size() >= MAX_PIPELINED && !readingPaused) {
      readingPaused = true;
      ctx.channel().config().setAutoRead(false);
    }
    if (!busy) {
      processNext(ctx);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    FullHttpRequest request;
    while ((request = pending.pollFirst()) != null) {
      request.release();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Mostly peers resetting connections; nothing to answer, the connection is done.
    ctx.close();
  }

  private void processNext(ChannelHandlerContext ctx) {
    dispatching = true;
    try {
      while (!busy) {
        FullHttpRequest request = pending.pollFirst();
        if (request == null) {
          if (readingPaused) {
            readingPaused = false;
            ctx.channel().config().setAutoRead(true);
          }
          return;
        }
        busy = true;
        try {
          dispatch(ctx, request);
        } finally {
          request.release();
        }
      }
    } finally {
      dispatching = false;
    }
  }

  private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request) {
    Admission admission = ConnectionLimiter.admission(ctx.channel());
    keepAlive = HttpUtil.isKeepAlive(request) && admission == Admission.SERVED;
    http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
    if (!request.decoderResult().isSuccess()) {
      keepAlive = false;
      clientError(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
      return;
    }
    QueryStringDecoder query = new QueryStringDecoder(request.uri());
    HttpMethod method = request.method();
    switch (query.path()) {
      case "/fares" -> {
        if (method.equals(HttpMethod.GET)) {
          fares(ctx, query, admission);
        } else {
          notAllowed(ctx, "/fares", "GET");
        }
      }
      case "/expected" -> {
        if (method.equals(HttpMethod.GET)) {
          expected(ctx, query);
        } else {
          notAllowed(ctx, "/expected", "GET");
        }
      }
      case "/stats" -> {
        if (method.equals(HttpMethod.GET)) {
          respond(ctx, Responses.json(HttpResponseStatus.OK, server.stats().snapshot()));
        } else {
          notAllowed(ctx, "/stats", "GET");
        }
      }
      case "/stats/reset" -> {
        if (method.equals(HttpMethod.POST)) {
          // Answers the counters as they were just before the reset: read-and-reset in one call.
          ServerStats before = server.stats().snapshot();
          server.stats().reset();
          respond(ctx, Responses.json(HttpResponseStatus.OK, before));
        } else {
          notAllowed(ctx, "/stats/reset", "POST");
        }
      }
      case "/barrier" -> barrier(ctx, query, method);
      case "/health" -> {
        if (method.equals(HttpMethod.GET)) {
          respond(ctx, Responses.json(HttpResponseStatus.OK, Map.of("status", "ok")));
        } else {
          notAllowed(ctx, "/health", "GET");
        }
      }
      default ->
          clientError(
              ctx,
              HttpResponseStatus.NOT_FOUND,
              "no such path " + query.path()
                  + "; try /fares, /expected, /stats, /stats/reset, /barrier, /health");
    }
  }

  private void fares(ChannelHandlerContext ctx, QueryStringDecoder query, Admission admission) {
    server.stats().request();
    FareQuery fareQuery;
    try {
      fareQuery = FareQuery.parse(query);
    } catch (IllegalArgumentException e) {
      clientError(ctx, HttpResponseStatus.BAD_REQUEST, e.getMessage());
      return;
    }
    if (admission == Admission.REJECTED) {
      server.stats().rejected();
      respond(ctx, Responses.unavailable("too many connections", server.limits().retryAfter()));
      return;
    }
    Channel channel = ctx.channel();
    switch (server.inFlight().acquire(channel, () -> startService(ctx, fareQuery))) {
      case GRANTED -> startService(ctx, fareQuery);
      case QUEUED -> {} // startService runs on this loop once a slot frees
      case REJECTED -> {
        server.stats().rejected();
        respond(ctx, Responses.unavailable("too many requests in flight", server.limits().retryAfter()));
      }
      case REFUSED -> {
        server.stats().refused();
        ConnectionLimiter.reset(channel);
      }
    }
  }

  /** Runs holding an in-flight slot: waits out the service time, then answers. */
  private void startService(ChannelHandlerContext ctx, FareQuery query) {
    if (!ctx.channel().isActive()) {
      server.inFlight().release(); // the client left while queued
      return;
    }
    // Looked up only now, so rejected and refused requests cost no generation.
    byte[] page = server.pages().page(query.route(), query.date());
    Duration serviceTime = server.serviceTime().sample(ThreadLocalRandom.current());
    Runnable serve = () -> serve(ctx, page, serviceTime);
    // held by an armed barrier: its service time starts only once it is released
    if (!server.barrier().hold(ctx.executor(), serve)) {
      serve.run();
    }
  }

  private void serve(ChannelHandlerContext ctx, byte[] page, Duration serviceTime) {
    if (serviceTime.isZero()) {
      finishService(ctx, page);
    } else {
      ctx.executor().schedule(() -> finishService(ctx, page), serviceTime.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * {@code GET /barrier}: the current run's barrier; {@code POST /barrier?target=N&timeoutMs=T}
   * arms it for the next run (target 0: off) and answers its fresh state.
   */
  private void barrier(ChannelHandlerContext ctx, QueryStringDecoder query, HttpMethod method) {
    if (method.equals(HttpMethod.GET)) {
      respond(ctx, Responses.json(HttpResponseStatus.OK, server.barrier().state()));
    } else if (method.equals(HttpMethod.POST)) {
      try {
        QueryParams params = new QueryParams(query);
        int target = params.integer("target", 0, Integer.MAX_VALUE);
        int timeoutMs = target == 0 ? 0 : params.integer("timeoutMs", 1, Integer.MAX_VALUE);
        server.barrier().arm(target, Duration.ofMillis(timeoutMs));
      } catch (IllegalArgumentException e) {
        clientError(ctx, HttpResponseStatus.BAD_REQUEST, e.getMessage());
        return;
      }
      respond(ctx, Responses.json(HttpResponseStatus.OK, server.barrier().state()));
    } else {
      notAllowed(ctx, "/barrier", "GET, POST");
    }
  }

  private void finishService(ChannelHandlerContext ctx, byte[] page) {
    server.inFlight().release();
    if (ctx.channel().isActive()) {
      server.stats().served();
      respond(ctx, Responses.json(page));
    }
  }

  private void expected(ChannelHandlerContext ctx, QueryStringDecoder query) {
    ExpectedAnswer answer;
    try {
      answer = ExpectedAnswer.compute(query, server.pages().generator());
    } catch (IllegalArgumentException e) {
      clientError(ctx, HttpResponseStatus.BAD_REQUEST, e.getMessage());
      return;
    }
    respond(ctx, Responses.json(HttpResponseStatus.OK, answer));
  }

  private void notAllowed(ChannelHandlerContext ctx, String path, String allowed) {
    server.stats().badRequest();
    respond(ctx, Responses.methodNotAllowed(path, allowed));
  }

  private void clientError(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
    server.stats().badRequest();
    respond(ctx, Responses.error(status, message));
  }

  /** Sends the answer to the current request, then moves on to the next pipelined one. */
  private void respond(ChannelHandlerContext ctx, FullHttpResponse response) {
    Responses.connection(response, keepAlive, http10);
    if (!keepAlive) {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return; // busy stays set: nothing more is answered on this connection
    }
    ctx.writeAndFlush(response);
    busy = false;
    if (!dispatching) {
      processNext(ctx);
    }
  }
}
