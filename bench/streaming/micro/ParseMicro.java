// Chunk-parse microbenchmark (issue 17): the SSE split alone, then SSE + the chat-completions chunk
// parser with its fast path (ChunkScanner) and with Jackson only (parseWithJackson), on the
// firehose's exact body in 32 KB reads, single-threaded, no network. Uses engine internals
// (package-private), so it is compiled into their package and is not part of the Maven build.
// Run from bench/streaming after ./run.sh:
//   CP=$(cat target/run-classpath.txt); javac -d target/micro -cp $CP micro/ParseMicro.java
//   java -Xmx1g -XX:+UseG1GC -cp target/micro:$CP dev.providers.engine.internal.openai.ParseMicro
//   (argument "sse": the SSE split only, which also runs against an older engine JAR)
// Prints the median (and minimum) ns and allocated bytes per chunk over 8 runs of 200,000 chunks.
package dev.providers.engine.internal.openai;
import bench.server.*;
import dev.providers.engine.internal.stream.SseDecoder;
import java.nio.*; import java.util.*; import java.lang.management.*;
public class ParseMicro {
  static byte[] body; static int chunks=200_000; static int READ=32768;
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
    System.out.printf("%-40s %7.0f ns/chunk (min %4.0f)  %6.0f B/chunk%n", name, ns[ns.length/2], ns[0], al[al.length/2]);
  }
  static void feed(SseDecoder d){ for(int i=0;i<body.length;i+=READ){ d.feed(ByteBuffer.wrap(body,i,Math.min(READ,body.length-i))); } }
  public static void main(String[] a) throws Exception {
    body=sseBody(); String mode=a.length>0?a[0]:"all";
    bench("SseDecoder only", () -> { SseDecoder d=new SseDecoder(new SseDecoder.Handler(){ public void onData(String e, byte[] b,int o,int n){} public void onComment(){} public void onTooLarge(int l){} }); feed(d); });
    if (mode.equals("sse")) return;
    for (boolean fast : mode.equals("fast") ? new boolean[]{true,true,true,true,true,true} : new boolean[]{true,false,true,false}) {
      bench(fast?"SSE + ChunkParser.parse (fast path)":"SSE + parseWithJackson", () -> { ChunkParser p=new ChunkParser(); Chunk c=new Chunk();
        SseDecoder d=new SseDecoder(new SseDecoder.Handler(){ public void onData(String e, byte[] b,int o,int n){ if(n==6) return; try { if(fast) p.parse(b,o,n,c); else p.parseWithJackson(b,o,n,c);} catch(Exception x){ throw new RuntimeException(x);} } public void onComment(){} public void onTooLarge(int l){} });
        for(int i=0;i<body.length;i+=READ){ d.feed(ByteBuffer.wrap(body,i,Math.min(READ,body.length-i))); p.close(); } });
    }
  }
}
