// Splits S2's time to first delta: how long start() takes on the calling thread (wall and CPU)
// and when the first text delta arrives, for sequential 3-chunk requests on a kept-alive
// connection. Not part of the Maven build. From bench/streaming, with a firehose on <port>:
//   CP=$(cat target/run-classpath.txt); javac -d target/micro -cp $CP micro/StartCost.java
//   java -Xmx2g -XX:+UseG1GC -cp target/micro:$CP StartCost engine <port>
import bench.api.*; import bench.harness.*; import bench.server.StreamSpec;
import java.util.*; import java.util.concurrent.*; import java.lang.management.*;
public class StartCost {
  public static void main(String[] a) throws Exception {
    int port=Integer.parseInt(a[1]); ThreadMXBean tmx=ManagementFactory.getThreadMXBean();
    Endpoint ep=new Endpoint("http://127.0.0.1:"+port+"/v1","127.0.0.1",port,"sk-x");
    StreamAdapter ad=Adapters.create(a[0]); ad.open(ep,64);
    ChatRequestSpec req=new ChatRequestSpec(StreamSpec.of(3,0).model(),"Write a long story about a fox.");
    int n=3000; long[] ret=new long[n], cpu=new long[n], first=new long[n];
    for(int i=0;i<n+1000;i++){
      Counting c=new Counting(0); long c0=tmx.getCurrentThreadCpuTime(); long t0=System.nanoTime(); c.startNanos=t0;
      StreamCall call=ad.start(req,c); long t1=System.nanoTime(); long c1=tmx.getCurrentThreadCpuTime(); c.bind(call);
      call.completion().get(10,TimeUnit.SECONDS);
      if(i>=1000){ int j=i-1000; ret[j]=t1-t0; cpu[j]=c1-c0; first[j]=c.firstEventNanos-t0; }
    }
    Arrays.sort(ret); Arrays.sort(cpu); Arrays.sort(first);
    System.out.printf("%s: start() returns p50 %.0f us (its thread CPU p50 %.0f us); first text delta p50 %.0f us%n", ad.name(), ret[n/2]/1e3, cpu[n/2]/1e3, first[n/2]/1e3);
    ad.close(); System.exit(0);
  }
}
