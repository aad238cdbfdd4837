// Producer/consumer over an async Queue, fed by an interrupt through a Notify.
//
// A simulated ADC raises an interrupt every 10 ms (a kernel task plays the hardware and
// pends a software interrupt). The ISR latches the sample and notifies. The producer
// reserves a queue slot *before* it waits for the next sample, so a sample it picks up is
// never dropped for lack of room (reserve-then-push); samples that arrive while it waits
// for room are counted as overruns. The consumer is slower every few items, so the queue
// fills and the producer really waits. Runs beside an ordinary kernel task; exits after 12
// items so tests run it too.
#include "tern/async/notify.hpp"
#include "tern/async/queue.hpp"
#include "tern/async/task.hpp"
#include "tern/async/time.hpp"
#include "tern/kernel.hpp"

using namespace tern;

namespace {
constexpr int items = 12;

tern::Task executor, adc_hw;
Stack<1024> executor_stack, adc_stack;

// --- the "hardware": a conversion every 10 ms, signalled by interrupt 0 ---------------
volatile uint32_t adc_data;  // the data register the ISR reads
void adc_hw_main(void*) {
    for (uint32_t n = 1;; ++n) {
        delay(ms_to_ticks(10));
        adc_data = n * 37 % 1000;
        port::irq_trigger(0);
    }
}

// --- the driver: ISR -> Notify ----------------------------------------------------------
async::Notify adc_ready;
volatile bool sample_fresh;
volatile uint32_t sample;
volatile int overruns;

void adc_isr() {
    if (sample_fresh) ++overruns;  // the previous sample was never picked up
    sample = adc_data;
    sample_fresh = true;
    adc_ready.notify();
}

// --- the application ---------------------------------------------------------------------
async::Queue<uint32_t, 4> queue;

async::Task producer() {
    for (;;) {
        auto slot = co_await queue.reserve();  // room first: no sample is lost for lack of it
        co_await adc_ready.until([] { return sample_fresh; });
        sample_fresh = false;  // polls run with interrupts masked: no race with the ISR
        slot.push(uint32_t{sample});
    }
}

async::Task consumer() {
    for (int i = 1; i <= items; ++i) {
        uint32_t v = co_await queue.pop();
        print("async_producer_consumer: item %d = %u at %u ms (queued %u)\r\n", i,
              static_cast<unsigned>(v), static_cast<unsigned>(ticks_to_ms(now())),
              static_cast<unsigned>(queue.size()));
        if (i % 4 == 0) co_await async::sleep_for(ms_to_ticks(65));  // a slow moment
    }
    print("async_producer_consumer: %d items, %d overruns, done\r\n", items, overruns);
    port::exit(0);
}

void executor_main(void*) {
    port::irq_attach(0, adc_isr);
    async::run_tasks(consumer(), producer());
}
}  // namespace

int main() {
    task_create(executor, "async", executor_main, nullptr, 2, executor_stack);
    task_create(adc_hw, "adc-hw", adc_hw_main, nullptr, 3, adc_stack);
    start();
}
