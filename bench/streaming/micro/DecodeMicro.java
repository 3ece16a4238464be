// Decode-path microbenchmark: the engine's SSE decoder, chunk parser and assembler against the
// harness's baseline decoder and parser, on the firehose's exact bytes, single-threaded, no network.
// Not part of the Maven build: it uses engine internals (dev.providers.engine.internal.stream),
// which change. Run from bench/streaming after ./run.sh:
//   CP=$(cat target/run-classpath.txt); javac -d target/micro -cp $CP micro/DecodeMicro.java
//   java -Xmx2g -XX:+UseG1GC -cp target/micro:$CP DecodeMicro -1     # one SSE event per feed (as HttpClient 5 delivers chunks)
//   java -Xmx2g -XX:+UseG1GC -cp target/micro:$CP DecodeMicro 8192   # 8 KB reads
// Prints the median ns and allocated bytes per chunk over 8 runs of 200,000 chunks (after 6
// warm-up runs); the harness's ByteBuffer.wrap().slice() per feed adds 56 B/chunk in -1 mode.
import bench.server.*; import bench.harness.Counting;
import dev.providers.engine.ModelRef; import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.internal.stream.*;
import com.fasterxml.jackson.core.*; import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.nio.*; import java.util.*; import java.lang.management.*;
public class DecodeMicro {
  static byte[] body; static int chunks=200_000; static int READ=8192;
  static com.sun.management.ThreadMXBean TMX=(com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
  static long alloc(){ return TMX.getThreadAllocatedBytes(Thread.currentThread().getId()); }
  static byte[] sseBody(){
    ByteBuffer b=Rendered.of(StreamSpec.of(chunks,0)).bytes.duplicate(); byte[] all=new byte[b.remaining()]; b.get(all);
    int i=0; while(!(all[i]=='\r'&&all[i+1]=='\n'&&all[i+2]=='\r'&&all[i+3]=='\n')) i++; i+=4;
    java.io.ByteArrayOutputStream out=new java.io.ByteArrayOutputStream();
    while(true){ int j=i; while(all[j]!='\r') j++; int n=Integer.parseInt(new String(all,i,j-i).trim(),16); i=j+2; if(n==0) break; out.write(all,i,n); i+=n+2; }
    return out.toByteArray();
  }
  interface Case { void run() throws Exception; }
  static void bench(String name, Case c) throws Exception {
    double[] ns=new double[8]; double[] al=new double[8];
    for(int w=0;w<6;w++) c.run();
    for(int r=0;r<ns.length;r++){ long a0=alloc(), t0=System.nanoTime(); c.run(); ns[r]=(System.nanoTime()-t0)/(double)chunks; al[r]=(alloc()-a0)/(double)chunks; }
    Arrays.sort(ns); Arrays.sort(al);
    System.out.printf("%-62s %7.0f ns/chunk  %6.0f B/chunk%n", name, ns[ns.length/2], al[al.length/2]);
  }
  static int[] ends;
  static void feedPieces(java.util.function.Consumer<ByteBuffer> f){
    if (READ>0) { for(int i=0;i<body.length;i+=READ){ f.accept(ByteBuffer.wrap(body,i,Math.min(READ,body.length-i)).slice()); } return; }
    int s=0; for(int e: ends){ f.accept(ByteBuffer.wrap(body,s,e-s).slice()); s=e; } }
  public static void main(String[] a) throws Exception {
    body=sseBody(); READ=Integer.parseInt(a.length>0?a[0]:"8192");
    List<Integer> l=new ArrayList<>(); for(int i=1;i<body.length;i++) if(body[i]=='\n'&&body[i-1]=='\n') l.add(i+1); ends=l.stream().mapToInt(x->x).toArray(); System.out.println("SSE body "+body.length+" bytes, "+(body.length/(double)chunks)+" B/chunk; read size "+READ);
    JsonFactory F=new JsonFactory();
    bench("engine SseDecoder.feed only (no-op handler)", () -> { SseDecoder d=new SseDecoder(new SseDecoder.Handler(){ public void onData(byte[] b,int o,int n){} public void onComment(){} public void onDone(){} }); feedPieces(d::feed); });
    bench("baseline bench.sse.SseDecoder only (array scan, no-op)", () -> { bench.sse.SseDecoder d=new bench.sse.SseDecoder((b,o,n)->{}); feedPieces(d::feed); });
    bench("engine ResponseDecoder+ChunkParser+MessageAssembler, no-op sink", () -> {
      AssemblyConfig cfg=new AssemblyConfig("openai-completions", ModelRef.of("p","m"), ModelCost.ZERO, List.of("reasoning_content","reasoning","reasoning_text"), null,null,true,false,8192, s->false);
      MessageAssembler as=new MessageAssembler(cfg,0,e->{}); as.start(); ResponseDecoder d=new ResponseDecoder(as); feedPieces(d::feed); d.end(); });
    bench("baseline SseDecoder + ChunkParser (blocking parser per event)", () -> { Counting c=new Counting(0); bench.sse.ChunkParser p=new bench.sse.ChunkParser(c); bench.sse.SseDecoder d=new bench.sse.SseDecoder(p); feedPieces(d::feed); });
    // Jackson alone, on the event payloads (found by the baseline decoder, outside the timing? no: included, ~same for both)
    bench("Jackson non-blocking parser reused, tokens only (+array SSE)", () -> {
      JsonParser p=F.createNonBlockingByteArrayParser(); ByteArrayFeeder fd=(ByteArrayFeeder)p.getNonBlockingInputFeeder();
      bench.sse.SseDecoder d=new bench.sse.SseDecoder((b,o,n)->{ if(n==6&&b[o]=='[') return; try{ byte[] x=b; fd.feedInput(x,o,o+n); JsonToken t; while((t=p.nextToken())!=JsonToken.NOT_AVAILABLE&&t!=null){} }catch(Exception e){throw new RuntimeException(e);} });
      feedPieces(d::feed); });
    bench("Jackson blocking parser per event, tokens only (+array SSE)", () -> {
      bench.sse.SseDecoder d=new bench.sse.SseDecoder((b,o,n)->{ if(n==6&&b[o]=='[') return; try(JsonParser p=F.createParser(b,o,n)){ while(p.nextToken()!=null){} }catch(Exception e){throw new RuntimeException(e);} });
      feedPieces(d::feed); });
    bench("Jackson blocking per event, skipChildren for unneeded (+array SSE)", () -> {
      bench.sse.SseDecoder d=new bench.sse.SseDecoder((b,o,n)->{ if(n==6&&b[o]=='[') return; try(JsonParser p=F.createParser(b,o,n)){ p.nextToken(); String f; while((f=p.nextFieldName())!=null){ JsonToken t=p.nextToken(); if(!f.equals("choices")) p.skipChildren(); else { while(p.nextToken()!=JsonToken.END_ARRAY){ p.skipChildren(); } } } }catch(Exception e){throw new RuntimeException(e);} });
      feedPieces(d::feed); });
  }
}
