// The county comparison's chart (reports/county_compare.html): data from the page's JSON block.
(function () {
  var data = document.getElementById('compare-chart');
  var target = document.getElementById('chart-applications');
  if (!data || !target || typeof echarts === 'undefined') return;
  var chartData = JSON.parse(data.textContent);
  echarts.init(target).setOption({
    tooltip: {trigger: 'axis'}, grid: {left: 50, right: 20, bottom: 100},
    xAxis: {type: 'category', data: chartData.names, axisLabel: {rotate: 45}}, yAxis: {type: 'value', name: '件'},
    series: [{name: '本年新收申请', type: 'bar', data: chartData.now}]
  });
})();
